import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkConfirmToken, confirmApplication } from "~/features/coalition/applications.server";
import { DoneNotice, MailedLinkPage } from "~/features/mailed-links/mailed-link-page";
import { mailedLinkAction, mailedLinkLoader } from "~/features/mailed-links/mailed-link.server";

export const handle = { titleKey: "applications:confirm.title" };
export const loader = mailedLinkLoader(checkConfirmToken);
export const action = mailedLinkAction(async (token) =>
  (await confirmApplication(token)) ? { ok: true as const } : { ok: false as const, reason: "invalid" },
);

export default function ConfirmApplicationPage() {
  const { t } = useTranslation("applications");
  const { token, found } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <MailedLinkPage
      title={t("confirm.title")}
      token={token}
      lead={t("confirm.lead", { name: found?.name })}
      submitLabel={t("confirm.submit")}
      done={
        result?.ok
          ? {
              title: t("confirm.doneTitle"),
              body: (
                <DoneNotice message={t("confirm.done")} next={<a href="/coalition">{t("apply.backToDirectory")}</a>} />
              ),
            }
          : null
      }
      refused={result?.ok === false}
      errorMessage={t("confirm.invalid")}
      errorLink={<a href="/coalition/apply">{t("confirm.applyAgain")}</a>}
    />
  );
}
