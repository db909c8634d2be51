import { EmailAction, EmailLayout, EmailText, formatEmailDate, previewT, type EmailContext } from "./layout";

export interface InvitationProps {
  inviterName: string;
  /** Already in the recipient's language, e.g. "chapter lead". */
  roleLabel: string;
  /** The chapter or organisation the role is scoped to, if any. */
  scopeLabel?: string;
  acceptUrl: string;
  /** ISO-8601 timestamp in UTC. */
  expiresAt: string;
}

export function invitationSubject(t: EmailContext["t"], props: InvitationProps): string {
  return t("invitation.subject", { inviterName: props.inviterName });
}

export function InvitationEmail({ t, locale, ...props }: InvitationProps & EmailContext) {
  const values = { inviterName: props.inviterName, role: props.roleLabel, scope: props.scopeLabel };
  return (
    <EmailLayout t={t} locale={locale} title={t("invitation.heading")} preview={t("invitation.preview")}>
      <EmailText>{t(props.scopeLabel ? "invitation.bodyScoped" : "invitation.body", values)}</EmailText>
      <EmailAction href={props.acceptUrl} label={t("invitation.action")} t={t} />
      <EmailText>{t("invitation.expires", { date: formatEmailDate(props.expiresAt, locale) })}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: InvitationProps & EmailContext = {
  t: previewT(),
  locale: "en",
  inviterName: "Ada Lovelace",
  roleLabel: "chapter lead",
  scopeLabel: "Kenya chapter",
  acceptUrl: "http://localhost:3000/invitations/accept?token=preview-token",
  expiresAt: "2030-10-21T12:00:00.000Z",
};

InvitationEmail.PreviewProps = PreviewProps;

export default InvitationEmail;
