import { Link, Text } from "@react-email/components";
import type { InboxQueueKey } from "../app/lib/waiting";
import { EmailAction, EmailLayout, EmailText, previewT, type EmailContext } from "./layout";

export interface StaffDigestQueue {
  key: InboxQueueKey;
  count: number;
  /** Whole days the oldest item has waited. */
  days: number;
  /** The queue's page (absolute URL). */
  url: string;
}

export interface StaffDigestProps {
  name: string;
  /** Only the queues where something waits, in the inbox's order. */
  queues: StaffDigestQueue[];
  total: number;
  inboxUrl: string;
  /** Where the digest is turned off. */
  accountUrl: string;
}

export function staffDigestSubject(t: EmailContext["t"], props: StaffDigestProps): string {
  return t("staffDigest.subject", { count: props.total });
}

/** Once a day, to staff who did not opt out, when something waits in a review queue. */
export function StaffDigestEmail({
  t,
  locale,
  name,
  queues,
  total,
  inboxUrl,
  accountUrl,
}: StaffDigestProps & EmailContext) {
  return (
    <EmailLayout
      t={t}
      locale={locale}
      title={t("staffDigest.heading")}
      preview={t("staffDigest.subject", { count: total })}
    >
      <EmailText>{t("staffDigest.greeting", { name })}</EmailText>
      <EmailText>{t("staffDigest.intro", { count: total })}</EmailText>
      {queues.map((queue) => (
        <Text key={queue.key} style={{ fontSize: "16px", lineHeight: "1.5", margin: "0 0 8px" }}>
          <Link href={queue.url} style={{ color: "#1e3a8a", textDecoration: "underline" }}>
            {t(`staffDigest.queues.${queue.key}`)}
          </Link>
          {": "}
          {t("staffDigest.waiting", { count: queue.count })}
          {", "}
          {queue.days > 0
            ? t("staffDigest.oldestDays", { count: queue.days })
            : t("staffDigest.oldestToday", { count: queue.count })}
        </Text>
      ))}
      <EmailAction href={inboxUrl} label={t("staffDigest.action")} t={t} />
      <EmailText>{t("staffDigest.optOut", { url: accountUrl })}</EmailText>
    </EmailLayout>
  );
}

export const PreviewProps: StaffDigestProps & EmailContext = {
  t: previewT(),
  locale: "en",
  name: "Sam Staff",
  queues: [
    { key: "actions", count: 3, days: 5, url: "http://localhost:3000/staff/actions" },
    { key: "mail", count: 1, days: 0, url: "http://localhost:3000/staff/mail?status=failed" },
  ],
  total: 4,
  inboxUrl: "http://localhost:3000/staff",
  accountUrl: "http://localhost:3000/account",
};

StaffDigestEmail.PreviewProps = PreviewProps;

export default StaffDigestEmail;
