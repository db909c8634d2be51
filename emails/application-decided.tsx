import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface ApplicationDecidedProps {
  /** The contact person. */
  name: string;
  /** The organisation, or the expert's own name. */
  organisation: string;
  decision: "approved" | "declined";
  /** The reviewer's reason, for a declined application. */
  reason: string | null;
  /** The public directory, for an approved application. */
  directoryUrl: string | null;
}

export function applicationDecidedSubject(t: EmailContext["t"], props: ApplicationDecidedProps): string {
  return t(`applicationDecided.subject.${props.decision}`, { organisation: props.organisation });
}

export function ApplicationDecidedEmail({
  t,
  locale,
  name,
  organisation,
  decision,
  reason,
  directoryUrl,
}: ApplicationDecidedProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t(`applicationDecided.subject.${decision}`, { organisation })}
      preview={t(`applicationDecided.body.${decision}`, { organisation })}
    >
      <EmailText>{t("applicationDecided.greeting", { name })}</EmailText>
      <EmailText>{t(`applicationDecided.body.${decision}`, { organisation })}</EmailText>
      {decision === "declined" && reason ? <EmailText>{t("applicationDecided.reason", { reason })}</EmailText> : null}
      {decision === "approved" ? <EmailText>{t("applicationDecided.invitation")}</EmailText> : null}
      {decision === "approved" && directoryUrl ? (
        <EmailAction href={directoryUrl} label={t("applicationDecided.action")} t={t} />
      ) : null}
      <EmailText>{t(`applicationDecided.closing.${decision}`)}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: ApplicationDecidedProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Ana Souza",
  organisation: "Coding Rights",
  decision: "declined",
  reason: "The coalition gathers organisations that work on encryption; yours does not yet.",
  directoryUrl: null,
};

ApplicationDecidedEmail.PreviewProps = PreviewProps;

export default ApplicationDecidedEmail;
