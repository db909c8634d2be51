/**
 * What a letter's signature counters must hold, computed the slow way: GROUP BY over its signature
 * rows. The counters' tests and the migration's test compare the two.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export interface CounterRow {
  jurisdiction_code: string;
  kind: string;
  show_publicly: number;
  count: number;
}

const order = (a: CounterRow, b: CounterRow) =>
  a.jurisdiction_code.localeCompare(b.jurisdiction_code) ||
  a.kind.localeCompare(b.kind) ||
  a.show_publicly - b.show_publicly;

/** The confirmed signatures of a letter by country ('' for none), kind and consent to be listed. */
export async function countsFromRows(db: Kysely<Database>, letterId: number): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom("signatures")
    .select((eb) => ["jurisdiction_code", "kind", "show_publicly", eb.fn.countAll<number>().as("n")])
    .where("letter_id", "=", letterId)
    .where("status", "=", "confirmed")
    .groupBy(["jurisdiction_code", "kind", "show_publicly"])
    .execute();
  return rows
    .map((r) => ({
      jurisdiction_code: r.jurisdiction_code ?? "",
      kind: r.kind,
      show_publicly: Number(r.show_publicly),
      count: Number(r.n),
    }))
    .sort(order);
}

/** The letter's counter rows, those at zero left out. */
export async function countsFromCounters(db: Kysely<Database>, letterId: number): Promise<CounterRow[]> {
  const rows = await db
    .selectFrom("open_letter_signature_counts")
    .select(["jurisdiction_code", "kind", "show_publicly", "count"])
    .where("letter_id", "=", letterId)
    .where("count", "<>", 0)
    .execute();
  return rows.map((r) => ({ ...r, show_publicly: Number(r.show_publicly), count: Number(r.count) })).sort(order);
}

/** The letter's confirmed_count and the number of its confirmed rows. */
export async function confirmedTotals(db: Kysely<Database>, letterId: number) {
  const [letter, rows] = await Promise.all([
    db.selectFrom("open_letters").select("confirmed_count").where("id", "=", letterId).executeTakeFirstOrThrow(),
    db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("letter_id", "=", letterId)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow(),
  ]);
  return { column: Number(letter.confirmed_count), rows: Number(rows.n) };
}

/** The figures the letter page showed before the counters, by the GROUP BY queries it ran. */
export async function pageFiguresFromRows(db: Kysely<Database>, letterId: number) {
  const [byKind, byJurisdiction, listed] = await Promise.all([
    db
      .selectFrom("signatures")
      .select((eb) => ["kind", eb.fn.countAll<number>().as("n")])
      .where("letter_id", "=", letterId)
      .where("status", "=", "confirmed")
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("signatures")
      .innerJoin("jurisdictions", "jurisdictions.code", "signatures.jurisdiction_code")
      .select((eb) => [
        "jurisdictions.code",
        "jurisdictions.name_en",
        "jurisdictions.name_fr",
        eb.fn.countAll<number>().as("n"),
      ])
      .where("signatures.letter_id", "=", letterId)
      .where("signatures.status", "=", "confirmed")
      .groupBy(["jurisdictions.code", "jurisdictions.name_en", "jurisdictions.name_fr"])
      .execute(),
    db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("letter_id", "=", letterId)
      .where("status", "=", "confirmed")
      .where("show_publicly", "=", 1)
      .executeTakeFirstOrThrow(),
  ]);
  const kind = (k: string) => Number(byKind.find((r) => r.kind === k)?.n ?? 0);
  return {
    listed: Number(listed.n),
    organisations: kind("organisation"),
    individuals: kind("individual"),
    byJurisdiction: byJurisdiction
      .map((r) => ({ code: r.code, name_en: r.name_en, name_fr: r.name_fr, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}
