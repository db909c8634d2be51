import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface SignatureConfirmProps {
  /** The signer, as they typed their name. */
  name: string;
  /** The letter's title in the signer's language (or the letter's first language). */
  letterTitle: string;
  /** Opens a page whose button confirms (a POST): link scanners confirm nothing. */
  confirmUrl: string;
  /** Opens a page whose button withdraws the signature. */
  withdrawUrl: string;
}

export function signatureConfirmSubject(t: EmailContext["t"], props: SignatureConfirmProps): string {
  return t("signatureConfirm.subject", { title: props.letterTitle });
}

export function SignatureConfirmEmail({
  t,
  locale,
  name,
  letterTitle,
  confirmUrl,
  withdrawUrl,
}: SignatureConfirmProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={t("signatureConfirm.heading")} preview={t("signatureConfirm.preview")}>
      <EmailText>{t("signatureConfirm.greeting", { name })}</EmailText>
      <EmailText>{t("signatureConfirm.body", { title: letterTitle })}</EmailText>
      <EmailAction href={confirmUrl} label={t("signatureConfirm.action")} t={t} />
      <EmailText>{t("signatureConfirm.notCounted")}</EmailText>
      <EmailText>{t("signatureConfirm.withdraw")}</EmailText>
      <EmailAction href={withdrawUrl} label={t("signatureConfirm.withdrawAction")} t={t} />
    </EmailLayout>
  );
}

export const PreviewProps: SignatureConfirmProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ana Souza",
  letterTitle: "Keep end-to-end encryption legal",
  confirmUrl: "http://localhost:3000/letters/confirm?token=preview",
  withdrawUrl: "http://localhost:3000/letters/withdraw?token=preview",
};

SignatureConfirmEmail.PreviewProps = PreviewProps;

export default SignatureConfirmEmail;
