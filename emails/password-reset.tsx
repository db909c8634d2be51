import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface PasswordResetProps {
  name: string;
  resetUrl: string;
  expiresInMinutes: number;
}

export function passwordResetSubject(t: EmailContext["t"]): string {
  return t("passwordReset.subject");
}

export function PasswordResetEmail({ t, locale, name, resetUrl, expiresInMinutes }: PasswordResetProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={t("passwordReset.heading")} preview={t("passwordReset.preview")}>
      <EmailText>{t("passwordReset.greeting", { name })}</EmailText>
      <EmailText>{t("passwordReset.body")}</EmailText>
      <EmailAction href={resetUrl} label={t("passwordReset.action")} t={t} />
      <EmailText>{t("passwordReset.expires", { count: expiresInMinutes })}</EmailText>
      <EmailText>{t("passwordReset.notYou")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: PasswordResetProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ada Lovelace",
  resetUrl: "http://localhost:3000/reset-password?token=preview-token",
  expiresInMinutes: 30,
};

PasswordResetEmail.PreviewProps = PreviewProps;

export default PasswordResetEmail;
