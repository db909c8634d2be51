import { formatDateTime } from "~/lib/format";

export interface HistoryEntry {
  id: number;
  created_at: string;
  actor_name: string | null;
  action: string;
}

/** An object's audit history for staff: when, who, and what (`describe` turns the action into words). */
export function AuditHistory({
  heading,
  history,
  lang,
  describe,
}: {
  heading: string;
  history: HistoryEntry[];
  lang: string;
  describe: (action: string) => string;
}) {
  if (!history.length) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{heading}</h2>
      <ul>
        {history.map((h) => (
          <li key={h.id}>
            {formatDateTime(h.created_at, lang)} · {h.actor_name ? `${h.actor_name} · ` : ""}
            {describe(h.action)}
          </li>
        ))}
      </ul>
    </section>
  );
}
