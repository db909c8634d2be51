import { eventsPreviewT } from "./event-preview";
import { EmailAction, EmailLayout, EmailText, type EmailContext } from "./layout";

export interface EditionRequestProps {
  /** The staff member it goes to. */
  name: string;
  /** Who asked, and for which chapter or organisation. */
  requester: string;
  organiser: string;
  /** What they wrote, if anything. */
  note: string | null;
  /** Where staff open an edition. */
  editionsUrl: string;
}

export function editionRequestSubject(t: EmailContext["t"]): string {
  return t("events:email.editionRequest.subject");
}

/** To staff, when someone who may submit events finds no coming edition to submit into. */
export function EditionRequestEmail({
  t,
  locale,
  name,
  requester,
  organiser,
  note,
  editionsUrl,
}: EditionRequestProps & EmailContext) {
  const body = t("events:email.editionRequest.body", { requester, organiser });
  return (
    <EmailLayout t={t} locale={locale} title={t("events:email.editionRequest.subject")} preview={body}>
      <EmailText>{t("events:email.editionRequest.greeting", { name })}</EmailText>
      <EmailText>{body}</EmailText>
      {note ? <EmailText>{t("events:email.editionRequest.note", { note })}</EmailText> : null}
      <EmailAction href={editionsUrl} label={t("events:email.editionRequest.action")} t={t} />
    </EmailLayout>
  );
}

export const PreviewProps: EditionRequestProps & EmailContext = {
  t: eventsPreviewT(),
  locale: "en",
  name: "Sam Staff",
  requester: "Kofi Member",
  organiser: "Kenya Chapter",
  note: "We plan a training in Nairobi in October.",
  editionsUrl: "http://localhost:3000/staff/events",
};

EditionRequestEmail.PreviewProps = PreviewProps;

export default EditionRequestEmail;
