/** The staff chart of a letter's signatures: confirmed signatures per day of confirmation. */
import { sql } from "kysely";
import { db } from "~db/connection";
import { dailySeries, type PeriodCount } from "~/lib/periods";

/**
 * Signatures that count now (confirmed, not withdrawn or rejected), per UTC day they were
 * confirmed, from the letter's opening day (or its first signature) to today while it is open,
 * else to its last signature; the latest 92 days at most, quiet days as zero.
 */
export async function signaturesPerDay(
  letter: { id: number; status: string; opens_on: string | null },
  now = new Date(),
): Promise<PeriodCount[]> {
  // substr(text, 1, 10) is the date of an ISO timestamp in SQLite and PostgreSQL alike.
  const day = sql<string>`substr(confirmed_at, 1, 10)`;
  const rows = await db
    .selectFrom("signatures")
    .select((eb) => [day.as("day"), eb.fn.countAll<number | string>().as("n")])
    .where("letter_id", "=", letter.id)
    .where("status", "=", "confirmed")
    .where("confirmed_at", "is not", null)
    .groupBy(day)
    .execute();
  return dailySeries(
    rows.map((r) => ({ period: r.day, value: Number(r.n) })),
    letter.status === "open" ? now.toISOString().slice(0, 10) : null,
    { from: letter.opens_on },
  );
}
