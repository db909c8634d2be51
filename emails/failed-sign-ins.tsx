import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface FailedSignInsProps {
  name: string;
  /** Where to choose a new password. */
  resetUrl: string;
  /** Where the owner sees and ends their sessions. */
  accountUrl: string;
}

export function failedSignInsSubject(t: EmailContext["t"]): string {
  return t("failedSignIns.subject");
}

/** Told to the owner when an account sees many failed sign-ins from addresses it has never used. */
export function FailedSignInsEmail({ t, locale, name, resetUrl, accountUrl }: FailedSignInsProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={t("failedSignIns.heading")} preview={t("failedSignIns.preview")}>
      <EmailText>{t("failedSignIns.greeting", { name })}</EmailText>
      <EmailText>{t("failedSignIns.body")}</EmailText>
      <EmailText>{t("failedSignIns.stillWorks")}</EmailText>
      <EmailAction href={resetUrl} label={t("failedSignIns.action")} t={t} />
      <EmailText>{t("failedSignIns.sessions", { url: accountUrl })}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: FailedSignInsProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ada Lovelace",
  resetUrl: "http://localhost:3000/forgot-password",
  accountUrl: "http://localhost:3000/account",
};

FailedSignInsEmail.PreviewProps = PreviewProps;

export default FailedSignInsEmail;
