/**
 * The staff dashboard of a campaign (letters per state, per target, per day) and its CSV export.
 * Neither shows a sender's e-mail address.
 */
import { stringify } from "csv-stringify/sync";
import { sql } from "kysely";
import { db } from "~db/connection";
import { CAMPAIGN_LETTER_STATUSES, type CampaignLetterStatus } from "~/lib/vocabularies";
import { neutraliseFormula } from "~/lib/spreadsheet";
import { dailySeries } from "~/lib/periods";

export type StateCounts = Record<CampaignLetterStatus, number>;

function emptyCounts(): StateCounts {
  return Object.fromEntries(CAMPAIGN_LETTER_STATUSES.map((s) => [s, 0])) as StateCounts;
}

/**
 * `until` ends the per-day chart (today while the campaign is open); without it the chart ends on
 * the last day a letter was written.
 */
export async function campaignDashboard(campaignId: number, until: string | null = null) {
  // substr(text, 1, 10) is the date of an ISO timestamp in SQLite and PostgreSQL alike.
  const day = sql<string>`substr(created_at, 1, 10)`;
  const [byState, byRecipient, created, sent, senders] = await Promise.all([
    db
      .selectFrom("campaign_letters")
      .select((eb) => ["status", eb.fn.countAll<number | string>().as("n")])
      .where("campaign_id", "=", campaignId)
      .groupBy("status")
      .execute(),
    db
      .selectFrom("campaign_letters")
      .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
      .select((eb) => [
        "lawmakers.id",
        "lawmakers.name",
        "lawmakers.constituency",
        "campaign_letters.status",
        eb.fn.countAll<number | string>().as("n"),
      ])
      .where("campaign_letters.campaign_id", "=", campaignId)
      .groupBy(["lawmakers.id", "lawmakers.name", "lawmakers.constituency", "campaign_letters.status"])
      .execute(),
    db
      .selectFrom("campaign_letters")
      .select((eb) => [day.as("day"), eb.fn.countAll<number | string>().as("n")])
      .where("campaign_id", "=", campaignId)
      .groupBy(day)
      .execute(),
    db
      .selectFrom("campaign_letter_events")
      .innerJoin("campaign_letters", "campaign_letters.id", "campaign_letter_events.letter_id")
      .select((eb) => [
        sql<string>`substr(campaign_letter_events.created_at, 1, 10)`.as("day"),
        eb.fn.countAll<number | string>().as("n"),
      ])
      .where("campaign_letters.campaign_id", "=", campaignId)
      .where("campaign_letter_events.to_status", "=", "sent")
      .groupBy(sql`substr(campaign_letter_events.created_at, 1, 10)`)
      .execute(),
    db
      .selectFrom("campaign_senders")
      .select((eb) => ["status", eb.fn.countAll<number | string>().as("n")])
      .where("campaign_id", "=", campaignId)
      .groupBy("status")
      .execute(),
  ]);

  const states = emptyCounts();
  for (const row of byState) states[row.status] = Number(row.n);

  const recipients = new Map<
    number,
    { id: number; name: string; constituency: string | null; counts: StateCounts; total: number }
  >();
  for (const row of byRecipient) {
    const entry = recipients.get(row.id) ?? {
      id: row.id,
      name: row.name,
      constituency: row.constituency,
      counts: emptyCounts(),
      total: 0,
    };
    entry.counts[row.status] = Number(row.n);
    entry.total += Number(row.n);
    recipients.set(row.id, entry);
  }

  const days = new Map<string, { day: string; created: number; sent: number }>();
  for (const row of created) days.set(row.day, { day: row.day, created: Number(row.n), sent: 0 });
  for (const row of sent) {
    const entry = days.get(row.day) ?? { day: row.day, created: 0, sent: 0 };
    entry.sent = Number(row.n);
    days.set(row.day, entry);
  }

  return {
    states,
    total: Object.values(states).reduce((a, b) => a + b, 0),
    senders: Object.fromEntries(senders.map((r) => [r.status, Number(r.n)])) as Record<string, number>,
    recipients: [...recipients.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    days: [...days.values()].sort((a, b) => b.day.localeCompare(a.day)),
    /** Letters written per day, quiet days as zero, for the chart. */
    perDay: dailySeries(
      created.map((row) => ({ period: row.day, value: Number(row.n) })),
      until,
    ),
  };
}

export const LETTERS_CSV_COLUMNS = [
  "letter_id",
  "lawmaker_id",
  "lawmaker",
  "constituency",
  "state",
  "created_at",
  "status_changed_at",
  "sent_at",
] as const;

/** Every letter of a campaign, without who sent it: UTF-8 with a BOM, CRLF, formulas neutralised. */
export async function lettersCsv(campaignId: number): Promise<string> {
  const rows = await db
    .selectFrom("campaign_letters")
    .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
    .leftJoin("outbox", "outbox.id", "campaign_letters.outbox_id")
    .select([
      "campaign_letters.id",
      "lawmakers.id as lawmaker_id",
      "lawmakers.name",
      "lawmakers.constituency",
      "campaign_letters.status",
      "campaign_letters.created_at",
      "campaign_letters.status_changed_at",
      "outbox.sent_at",
    ])
    .where("campaign_letters.campaign_id", "=", campaignId)
    .orderBy("campaign_letters.id")
    .execute();
  const records = rows.map((r) =>
    [
      String(r.id),
      String(r.lawmaker_id),
      r.name,
      r.constituency ?? "",
      r.status,
      r.created_at,
      r.status_changed_at,
      r.sent_at ?? "",
    ].map(neutraliseFormula),
  );
  return stringify([[...LETTERS_CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
}
