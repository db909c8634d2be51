import { eventsPreviewT } from "./event-preview";
import { EmailAction, EmailLayout, EmailText, type EmailContext } from "./layout";

export interface RsvpConfirmProps {
  /** The person, as they typed their name. */
  name: string;
  eventTitle: string;
  /** When and where, already written out in the event's time zone. */
  when: string;
  /** Opens a page whose button confirms (a POST): link scanners confirm nothing. */
  confirmUrl: string;
}

export function rsvpConfirmSubject(t: EmailContext["t"], props: RsvpConfirmProps): string {
  return t("events:email.rsvpConfirm.subject", { title: props.eventTitle });
}

export function RsvpConfirmEmail({ t, locale, name, eventTitle, when, confirmUrl }: RsvpConfirmProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t("events:email.rsvpConfirm.heading")}
      preview={t("events:email.rsvpConfirm.preview", { title: eventTitle })}
    >
      <EmailText>{t("events:email.rsvpConfirm.greeting", { name })}</EmailText>
      <EmailText>{t("events:email.rsvpConfirm.body", { title: eventTitle, when })}</EmailText>
      <EmailAction href={confirmUrl} label={t("events:email.rsvpConfirm.action")} t={t} />
      <EmailText>{t("events:email.rsvpConfirm.notCounted")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: RsvpConfirmProps & EmailContext = {
  t: eventsPreviewT(),
  locale: "en",
  name: "Ana Souza",
  eventTitle: "Encryption 101 for journalists",
  when: "Wednesday, 21 October 2026, 18:00 – 20:00 (East Africa Time)",
  confirmUrl: "http://localhost:3000/events/rsvp/confirm?token=preview",
};

RsvpConfirmEmail.PreviewProps = PreviewProps;

export default RsvpConfirmEmail;
