import { EmailAction, EmailLayout, EmailText, formatEmailDate, previewT, type EmailContext } from "./layout";

export interface ApplicationConfirmProps {
  /** The contact person. */
  name: string;
  /** The organisation, or the expert's own name. */
  organisation: string;
  confirmUrl: string;
  expiresAt: string;
}

export function applicationConfirmSubject(t: EmailContext["t"], props: ApplicationConfirmProps): string {
  return t("applicationConfirm.subject", { organisation: props.organisation });
}

export function ApplicationConfirmEmail({
  t,
  locale,
  name,
  organisation,
  confirmUrl,
  expiresAt,
}: ApplicationConfirmProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t("applicationConfirm.heading")}
      preview={t("applicationConfirm.preview", { organisation })}
    >
      <EmailText>{t("applicationConfirm.greeting", { name })}</EmailText>
      <EmailText>{t("applicationConfirm.body", { organisation })}</EmailText>
      <EmailAction href={confirmUrl} label={t("applicationConfirm.action")} t={t} />
      <EmailText>{t("applicationConfirm.expires", { date: formatEmailDate(expiresAt, locale) })}</EmailText>
      <EmailText>{t("applicationConfirm.next")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: ApplicationConfirmProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ana Souza",
  organisation: "Coding Rights",
  confirmUrl: "http://localhost:3000/coalition/apply/confirm?token=preview",
  expiresAt: "2026-03-08T12:00:00.000Z",
};

ApplicationConfirmEmail.PreviewProps = PreviewProps;

export default ApplicationConfirmEmail;
