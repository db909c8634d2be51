import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface CampaignConfirmProps {
  /** The sender, as they typed their name. */
  name: string;
  /** The campaign's title in the sender's language. */
  campaignTitle: string;
  /** The lawmakers the letters go to, by name. */
  lawmakers: string[];
  /** Opens a page whose button confirms (a POST): link scanners send nothing. */
  confirmUrl: string;
}

export function campaignConfirmSubject(t: EmailContext["t"], props: CampaignConfirmProps): string {
  return t("campaignConfirm.subject", { title: props.campaignTitle });
}

export function CampaignConfirmEmail({
  t,
  locale,
  name,
  campaignTitle,
  lawmakers,
  confirmUrl,
}: CampaignConfirmProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={t("campaignConfirm.heading")} preview={t("campaignConfirm.preview")}>
      <EmailText>{t("campaignConfirm.greeting", { name })}</EmailText>
      <EmailText>{t("campaignConfirm.body", { title: campaignTitle, count: lawmakers.length })}</EmailText>
      <EmailText>{lawmakers.join(", ")}</EmailText>
      <EmailAction href={confirmUrl} label={t("campaignConfirm.action")} t={t} />
      <EmailText>{t("campaignConfirm.notSent")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: CampaignConfirmProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ana Souza",
  campaignTitle: "Tell your senators: no to the EARN IT Act",
  lawmakers: ["Alex Rivera (demo)", "Jordan Okafor (demo)"],
  confirmUrl: "http://localhost:3000/campaigns/confirm?token=preview",
};

CampaignConfirmEmail.PreviewProps = PreviewProps;

export default CampaignConfirmEmail;
