import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface SignatureReminderProps {
  /** The name on the existing signature (not the one typed in the repeated attempt). */
  name: string;
  letterTitle: string;
  /** `pending`: not confirmed yet, a fresh confirm link; `confirmed`: already counted. */
  state: "pending" | "confirmed";
  /** A fresh confirm link, for a pending signature only. */
  confirmUrl: string | null;
  /** A fresh withdraw link (the earlier ones stop working). */
  withdrawUrl: string;
}

export function signatureReminderSubject(t: EmailContext["t"], props: SignatureReminderProps): string {
  return t(`signatureReminder.subject.${props.state}`, { title: props.letterTitle });
}

export function SignatureReminderEmail({
  t,
  locale,
  name,
  letterTitle,
  state,
  confirmUrl,
  withdrawUrl,
}: SignatureReminderProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={t("signatureReminder.heading")} preview={t("signatureReminder.preview")}>
      <EmailText>{t("signatureReminder.greeting", { name })}</EmailText>
      <EmailText>{t(`signatureReminder.body.${state}`, { title: letterTitle })}</EmailText>
      {state === "pending" && confirmUrl ? (
        <EmailAction href={confirmUrl} label={t("signatureReminder.action")} t={t} />
      ) : null}
      <EmailText>{t("signatureReminder.withdraw")}</EmailText>
      <EmailAction href={withdrawUrl} label={t("signatureReminder.withdrawAction")} t={t} />
      <EmailText>{t("signatureReminder.notYou")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: SignatureReminderProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ana Souza",
  letterTitle: "Keep end-to-end encryption legal",
  state: "pending",
  confirmUrl: "http://localhost:3000/letters/confirm?token=preview",
  withdrawUrl: "http://localhost:3000/letters/withdraw?token=preview",
};

SignatureReminderEmail.PreviewProps = PreviewProps;

export default SignatureReminderEmail;
