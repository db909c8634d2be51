import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { InboxQueueKey } from "~/features/staff-inbox/inbox.server";
import { formatDate } from "~/lib/format";

export interface InboxListQueue {
  key: InboxQueueKey;
  href: string;
  count: number;
  oldest: string | null;
  /** Whole days the oldest item has waited, computed by the loader so server and browser agree. */
  days: number;
}

/** One card per review queue: its name linking to it, and what waits there in plain words. */
export function InboxList({ queues, locale }: { queues: InboxListQueue[]; locale: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="inbox-heading" className="stack">
      <h2 id="inbox-heading">{t("inbox.heading")}</h2>
      <ul className="inbox-list" role="list">
        {queues.map((queue) => (
          <li key={queue.key} className={queue.count > 0 ? "card inbox-item inbox-waiting" : "card inbox-item"}>
            <h3>
              <Link to={queue.href}>{t(`inbox.queues.${queue.key}`)}</Link>
            </h3>
            {queue.count > 0 ? (
              <p>
                <strong>{t("inbox.waiting", { count: queue.count })}</strong>
                {queue.oldest ? (
                  <>
                    {t("inbox.separator")}
                    <time dateTime={queue.oldest} title={formatDate(queue.oldest, locale)}>
                      {queue.days > 0
                        ? t("inbox.oldestDays", { count: queue.days })
                        : t("inbox.oldestToday", { count: queue.count })}
                    </time>
                  </>
                ) : null}
              </p>
            ) : (
              <p className="muted">{t("inbox.empty")}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
