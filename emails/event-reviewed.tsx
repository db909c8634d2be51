import { eventsPreviewT } from "./event-preview";
import { EmailAction, EmailLayout, EmailText, type EmailContext } from "./layout";

export interface EventReviewedProps {
  name: string;
  eventTitle: string;
  /** Staff's comment: what to change. */
  comment: string;
  /** The page where the organiser edits and resubmits. */
  editUrl: string;
}

export function eventReviewedSubject(t: EmailContext["t"], props: EventReviewedProps): string {
  return t("events:email.eventReviewed.subject", { title: props.eventTitle });
}

export function EventReviewedEmail({
  t,
  locale,
  name,
  eventTitle,
  comment,
  editUrl,
}: EventReviewedProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t("events:email.eventReviewed.subject", { title: eventTitle })}
      preview={t("events:email.eventReviewed.body", { title: eventTitle })}
    >
      <EmailText>{t("events:email.eventReviewed.greeting", { name })}</EmailText>
      <EmailText>{t("events:email.eventReviewed.body", { title: eventTitle })}</EmailText>
      <EmailText>{t("events:email.eventReviewed.comment", { comment })}</EmailText>
      <EmailAction href={editUrl} label={t("events:email.eventReviewed.action")} t={t} />
    </EmailLayout>
  );
}

export const PreviewProps: EventReviewedProps & EmailContext = {
  t: eventsPreviewT(),
  locale: "en",
  name: "Kofi Member",
  eventTitle: "Encryption 101 for journalists",
  comment: "Please add the venue's city and a registration link.",
  editUrl: "http://localhost:3000/events/encryption-101-for-journalists-2026/edit",
};

EventReviewedEmail.PreviewProps = PreviewProps;

export default EventReviewedEmail;
