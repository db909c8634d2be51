import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TokenActionResult, TokenLookup } from "~/features/letters/confirmation.server";
import { DoneNotice, MailedLinkPage } from "~/features/mailed-links/mailed-link-page";
import type { LinkRefusal } from "~/features/mailed-links/mailed-link.server";
import { LetterShareBlock, type LetterShare } from "~/features/letters/signature-form";

/** Confirm or withdraw a signature: the page behind the link in the signer's mail. */
export function SignatureLinkPage({ kind }: { kind: "confirm" | "withdraw" }) {
  const { t } = useTranslation("signatures");
  const { token, found } = useLoaderData<{ token: string | null; found: TokenLookup | null }>();
  const result = useActionData<TokenActionResult | LinkRefusal | (TokenActionResult & { share?: LetterShare })>();
  const share = result?.ok && "share" in result ? result.share : undefined;
  const backToLetter = (slug: string) => (
    <Link to={`/letters/${encodeURIComponent(slug)}`}>{t("page.backToLetter")}</Link>
  );
  return (
    <MailedLinkPage
      title={t(`${kind}.title`)}
      token={token}
      lead={t(`${kind}.lead`, { name: found?.name })}
      submitLabel={t(`${kind}.submit`)}
      danger={kind === "withdraw"}
      done={
        result?.ok
          ? {
              title: t(`${kind}.doneTitle`),
              body: (
                <>
                  <DoneNotice message={t(`${kind}.done`)} next={backToLetter(result.letterSlug)} />
                  {share ? <LetterShareBlock share={share} /> : null}
                </>
              ),
            }
          : null
      }
      refused={result?.ok === false}
      errorMessage={
        kind === "confirm" && result?.ok === false && result.reason === "closed"
          ? t("confirm.closed")
          : t(`${kind}.invalid`)
      }
      errorLink={<Link to="/letters">{t("page.allLetters")}</Link>}
    >
      {found?.letterSlug ? <p>{backToLetter(found.letterSlug)}</p> : null}
    </MailedLinkPage>
  );
}
