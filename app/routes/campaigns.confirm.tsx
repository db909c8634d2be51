import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmedLetters } from "~/features/campaigns/confirmed-letters";
import { CampaignShareBlock } from "~/features/campaigns/share";
import { SENDER_CONFIRM_DAYS } from "~/features/campaigns/constants";
import { checkCampaignToken, confirmSender } from "~/features/campaigns/confirm.server";
import { MailedLinkPage } from "~/features/mailed-links/mailed-link-page";
import { mailedLinkAction, mailedLinkLoader } from "~/features/mailed-links/mailed-link.server";

export const handle = { titleKey: "campaigns:confirm.title" };
export const loader = mailedLinkLoader(checkCampaignToken, (found) => !found.expired);
export const action = mailedLinkAction(confirmSender);

export default function ConfirmLettersPage() {
  const { t } = useTranslation("campaigns");
  const { token, found } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const reason = result && !result.ok ? result.reason : found?.expired ? "expired" : "invalid";
  const confirmed = found?.confirmed ?? false;
  return (
    <MailedLinkPage
      title={t("confirm.title")}
      token={token}
      lead={t(confirmed ? "confirm.leadAgain" : "confirm.lead", { name: found?.name })}
      submitLabel={t(confirmed ? "confirm.submitAgain" : "confirm.submit")}
      done={
        result?.ok
          ? {
              title: t("confirm.doneTitle"),
              lead: result.campaignTitle,
              body: (
                <>
                  <ConfirmedLetters letters={result.letters} />
                  <CampaignShareBlock url={result.campaignUrl} title={result.campaignTitle} />
                  <p>
                    <Link to={`/campaigns/${result.campaignSlug}`}>{t("confirm.backToCampaign")}</Link>
                  </p>
                </>
              ),
            }
          : null
      }
      refused={result?.ok === false}
      errorMessage={
        reason === "notOpen"
          ? t("confirm.notOpen")
          : reason === "expired"
            ? t("confirm.expired", { count: SENDER_CONFIRM_DAYS })
            : t("confirm.invalid")
      }
      errorLink={<Link to="/campaigns">{t("list.all")}</Link>}
    />
  );
}
