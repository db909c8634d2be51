import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface ProposalReviewedProps {
  name: string;
  proposalTitle: string;
  decision: "accepted" | "merged" | "rejected";
  reason: string | null;
  /** The threat page when accepted or merged. */
  threatUrl: string | null;
}

export function proposalReviewedSubject(t: EmailContext["t"], props: ProposalReviewedProps): string {
  return t(`proposalReviewed.subject.${props.decision}`, { title: props.proposalTitle });
}

export function ProposalReviewedEmail({
  t,
  locale,
  name,
  proposalTitle,
  decision,
  reason,
  threatUrl,
}: ProposalReviewedProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t(`proposalReviewed.subject.${decision}`, { title: proposalTitle })}
      preview={t(`proposalReviewed.body.${decision}`, { title: proposalTitle })}
    >
      <EmailText>{t("proposalReviewed.greeting", { name })}</EmailText>
      <EmailText>{t(`proposalReviewed.body.${decision}`, { title: proposalTitle })}</EmailText>
      {reason ? <EmailText>{t("proposalReviewed.reason", { reason })}</EmailText> : null}
      {threatUrl ? <EmailAction href={threatUrl} label={t("proposalReviewed.action")} t={t} /> : null}
      <EmailText>{t("proposalReviewed.thanks")}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: ProposalReviewedProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Kofi Member",
  proposalTitle: "Computer Misuse and Cybercrimes (Amendment) Bill",
  decision: "rejected",
  reason: "It does not touch encryption or the open Internet.",
  threatUrl: null,
};

ProposalReviewedEmail.PreviewProps = PreviewProps;

export default ProposalReviewedEmail;
