import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface ThreatUpdateProps {
  name: string;
  threatTitle: string;
  /** Already in the recipient's language, e.g. "Passed a chamber" or "Outcome: mitigated". */
  changeLabel: string;
  date: string;
  note: string | null;
  threatUrl: string;
  followsUrl: string;
}

export function threatUpdateSubject(t: EmailContext["t"], props: ThreatUpdateProps): string {
  return t("threatUpdate.subject", { title: props.threatTitle, change: props.changeLabel });
}

export function ThreatUpdateEmail({
  t,
  locale,
  name,
  threatTitle,
  changeLabel,
  date,
  note,
  threatUrl,
  followsUrl,
}: ThreatUpdateProps & EmailContext) {
  return (
    <EmailLayout t={t} locale={locale} title={threatTitle} preview={t("threatUpdate.preview", { change: changeLabel })}>
      <EmailText>{t("threatUpdate.greeting", { name })}</EmailText>
      <EmailText>{t("threatUpdate.body", { title: threatTitle, change: changeLabel, date })}</EmailText>
      {note ? <EmailText>« {note} »</EmailText> : null}
      <EmailAction href={threatUrl} label={t("threatUpdate.action")} t={t} />
      <EmailText>{t("threatUpdate.why", { url: followsUrl })}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: ThreatUpdateProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Lena Lead",
  threatTitle: "Online Safety Bill",
  changeLabel: "Enacted",
  date: "2023-10-26",
  note: "Royal Assent.",
  threatUrl: "http://localhost:3000/threats/gb-online-safety-bill-2022",
  followsUrl: "http://localhost:3000/account/follows",
};

ThreatUpdateEmail.PreviewProps = PreviewProps;

export default ThreatUpdateEmail;
