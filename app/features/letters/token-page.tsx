import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";

interface LoaderData {
  token: string | null;
  name: string | null;
  letterSlug: string | null;
}

type ActionData = { ok: true; reason: null; letterSlug: string } | { ok: false; reason: string; letterSlug: null };

/** Confirm or withdraw a signature: the page with one button, then its outcome. */
export function TokenActionPage({ kind }: { kind: "confirm" | "withdraw" }) {
  const { t } = useTranslation("signatures");
  const { token, name, letterSlug } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const backToLetter = (slug: string) => (
    <p>
      <Link to={`/letters/${encodeURIComponent(slug)}`}>{t("page.backToLetter")}</Link>
    </p>
  );
  if (actionData?.ok) {
    return (
      <div className="narrow stack">
        <PageHeader title={t(`${kind}.doneTitle`)} />
        <p className="alert alert-success" role="status">
          {t(`${kind}.done`)}
        </p>
        {backToLetter(actionData.letterSlug)}
      </div>
    );
  }
  if (!token || actionData) {
    return (
      <div className="narrow stack">
        <PageHeader title={t(`${kind}.title`)} />
        <p className="alert alert-error" role="alert">
          {kind === "confirm" && actionData?.reason === "closed" ? t("confirm.closed") : t(`${kind}.invalid`)}
        </p>
        <p>
          <Link to="/letters">{t("page.allLetters")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeader title={t(`${kind}.title`)} lead={t(`${kind}.lead`, { name })} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className={kind === "withdraw" ? "danger" : undefined}>
          {t(`${kind}.submit`)}
        </button>
      </Form>
      {letterSlug ? backToLetter(letterSlug) : null}
    </div>
  );
}
