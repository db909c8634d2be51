/** The staff chart on /chapters: the chosen year's accepted chapter actions, month by month. */
import { sql } from "kysely";
import { db } from "~db/connection";
import { fillPeriods, monthsOf, type PeriodCount } from "~/lib/periods";

/**
 * Accepted actions of the given chapters (those the list shows, after its filters) per month of
 * `year`, by the day they took place; all twelve months, quiet ones as zero.
 */
export async function acceptedActionsPerMonth(year: number, chapterIds: number[]): Promise<PeriodCount[]> {
  const months = monthsOf(year);
  if (chapterIds.length === 0) return fillPeriods(months, []);
  // substr(text, 1, 7) is the month of an ISO date in SQLite and PostgreSQL alike.
  const month = sql<string>`substr(occurred_on, 1, 7)`;
  const rows = await db
    .selectFrom("advocacy_actions")
    .select((eb) => [month.as("month"), eb.fn.countAll<number | string>().as("n")])
    .where("review_status", "=", "accepted")
    .where("occurred_on", ">=", `${year}-01-01`)
    .where("occurred_on", "<", `${year + 1}-01-01`)
    .where("chapter_id", "in", chapterIds)
    .groupBy(month)
    .execute();
  return fillPeriods(
    months,
    rows.map((r) => ({ period: r.month, value: Number(r.n) })),
  );
}
