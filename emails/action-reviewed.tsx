import enActions from "../app/i18n/locales/en/actions.json";
import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext, type EmailT } from "./layout";

// The strings live in the advocacy log's namespace (`actions:email.reviewed.*`).
export interface ActionReviewedProps {
  /** The person who logged the action. */
  name: string;
  /** The action's date, YYYY-MM-DD. */
  occurredOn: string;
  /** The start of the action's description, so they know which one. */
  description: string;
  /** What the reviewer asks to change. */
  comment: string;
  /** The action's edit page. */
  editUrl: string;
}

export function actionReviewedSubject(t: EmailContext["t"], props: ActionReviewedProps): string {
  return t("actions:email.reviewed.subject", { date: props.occurredOn });
}

export function ActionReviewedEmail({
  t,
  locale,
  name,
  occurredOn,
  description,
  comment,
  editUrl,
}: ActionReviewedProps & EmailContext) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${occurredOn}T00:00:00Z`),
  );
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t("actions:email.reviewed.heading")}
      preview={t("actions:email.reviewed.preview", { date })}
    >
      <EmailText>{t("actions:email.reviewed.greeting", { name })}</EmailText>
      <EmailText>{t("actions:email.reviewed.body", { date })}</EmailText>
      <EmailText>“{description}”</EmailText>
      <EmailText>{t("actions:email.reviewed.comment", { comment })}</EmailText>
      <EmailAction href={editUrl} label={t("actions:email.reviewed.action")} t={t} />
      <EmailText>{t("actions:email.reviewed.thanks")}</EmailText>
    </EmailLayout>
  );
}

/** The preview server's `t`, which knows only the email namespace: look ours up first. */
function previewActionsT(): EmailT {
  const base = previewT();
  return (key, options = {}) => {
    if (!key.startsWith("actions:")) return base(key, options);
    let node: unknown = enActions;
    for (const part of key.slice("actions:".length).split(".")) {
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    const template = typeof node === "string" ? node : key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, n: string) => String(options[n] ?? ""));
  };
}

export const PreviewProps: ActionReviewedProps & EmailContext = {
  t: previewActionsT(),
  locale: "en",
  name: "Kofi Member",
  occurredOn: "2026-03-12",
  description: "Met the parliamentary ICT committee's clerk about the draft rules on lawful interception.",
  comment: "Please add the evidence link (the committee's published minutes).",
  editUrl: "http://localhost:3000/actions/1/edit",
};

ActionReviewedEmail.PreviewProps = PreviewProps;

export default ActionReviewedEmail;
