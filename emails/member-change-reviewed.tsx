import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface MemberChangeReviewedProps {
  /** The representative who asked for the change. */
  name: string;
  /** The organisation's public name after the decision. */
  organisation: string;
  decision: "approved" | "rejected";
  /** The name asked for, if the request changed it. */
  requestedName: string | null;
  /** The website asked for, if the request changed it ("" to remove it). */
  requestedWebsite: string | null;
  /** The reviewer's optional comment. */
  comment: string | null;
  /** The organisation's edit page. */
  editUrl: string;
}

export function memberChangeReviewedSubject(t: EmailContext["t"], props: MemberChangeReviewedProps): string {
  return t(`memberChangeReviewed.subject.${props.decision}`, { organisation: props.organisation });
}

export function MemberChangeReviewedEmail({
  t,
  locale,
  name,
  organisation,
  decision,
  requestedName,
  requestedWebsite,
  comment,
  editUrl,
}: MemberChangeReviewedProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t(`memberChangeReviewed.subject.${decision}`, { organisation })}
      preview={t(`memberChangeReviewed.body.${decision}`)}
    >
      <EmailText>{t("memberChangeReviewed.greeting", { name })}</EmailText>
      <EmailText>{t(`memberChangeReviewed.body.${decision}`)}</EmailText>
      {requestedName !== null ? (
        <EmailText>{t("memberChangeReviewed.requestedName", { value: requestedName })}</EmailText>
      ) : null}
      {requestedWebsite !== null ? (
        <EmailText>
          {requestedWebsite
            ? t("memberChangeReviewed.requestedWebsite", { value: requestedWebsite })
            : t("memberChangeReviewed.removedWebsite")}
        </EmailText>
      ) : null}
      {comment ? <EmailText>{t("memberChangeReviewed.comment", { comment })}</EmailText> : null}
      <EmailAction href={editUrl} label={t("memberChangeReviewed.action")} t={t} />
    </EmailLayout>
  );
}

export const PreviewProps: MemberChangeReviewedProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Mia Member",
  organisation: "Open Networks Foundation",
  decision: "rejected",
  requestedName: "Amnesty International",
  requestedWebsite: null,
  comment: "This is the name of another organisation.",
  editUrl: "http://localhost:3000/coalition/1/edit",
};

MemberChangeReviewedEmail.PreviewProps = PreviewProps;

export default MemberChangeReviewedEmail;
