/**
 * The counts of a letter's confirmed signatures: the total (`open_letters.confirmed_count`) and the
 * breakdown by country, kind and consent to be listed (`open_letter_signature_counts`). Every change
 * of a signature into or out of `confirmed` calls countSignatures in the transaction that makes
 * it, so the letter's page reads a few counter rows instead of counting its signatures.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import type { Executor } from "~db/schema";
import type { SignatureKind } from "~/lib/vocabularies";

/** What a signature is counted under, as its row holds it when its status changes. */
export interface CountedSignature {
  jurisdiction_code: string | null;
  kind: SignatureKind;
  show_publicly: number;
}

/** The counters' code for a signature without a country (a key column cannot be null). */
const NO_JURISDICTION = "";

/**
 * +1 for signatures of this letter that became confirmed, −1 for confirmed ones that no longer
 * are. The letter's row is updated first: it serialises the counters' writers, so concurrent
 * transactions never take the counter rows in different orders.
 */
export async function countSignatures(
  trx: Executor,
  letterId: number,
  signatures: readonly CountedSignature[],
  delta: 1 | -1,
  stamp: string,
): Promise<void> {
  if (!signatures.length) return;
  await trx
    .updateTable("open_letters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", delta * signatures.length), updated_at: stamp }))
    .where("id", "=", letterId)
    .execute();
  const byKey = new Map<
    string,
    { jurisdiction_code: string; kind: SignatureKind; show_publicly: number; count: number }
  >();
  for (const s of signatures) {
    const jurisdiction = s.jurisdiction_code ?? NO_JURISDICTION;
    const listed = s.show_publicly ? 1 : 0;
    const key = JSON.stringify([jurisdiction, s.kind, listed]);
    const row = byKey.get(key) ?? { jurisdiction_code: jurisdiction, kind: s.kind, show_publicly: listed, count: 0 };
    row.count += delta;
    byKey.set(key, row);
  }
  const rows = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await trx
    .insertInto("open_letter_signature_counts")
    .values(rows.map((row) => ({ letter_id: letterId, ...row })))
    .onConflict((oc) =>
      oc
        .columns(["letter_id", "jurisdiction_code", "kind", "show_publicly"])
        .doUpdateSet((eb) => ({ count: eb("open_letter_signature_counts.count", "+", eb.ref("excluded.count")) })),
    )
    .execute();
}

/**
 * Sets a letter's counts from its signature rows, for rows written straight to the table (the
 * demo data); the app's own writes go through countSignatures.
 */
export async function recountSignatures(trx: Executor, letterId: number, stamp: string): Promise<void> {
  await trx.deleteFrom("open_letter_signature_counts").where("letter_id", "=", letterId).execute();
  await trx
    .insertInto("open_letter_signature_counts")
    .columns(["letter_id", "jurisdiction_code", "kind", "show_publicly", "count"])
    .expression((eb) =>
      eb
        .selectFrom("signatures")
        .select((s) => [
          "letter_id",
          s.fn.coalesce("jurisdiction_code", sql.lit(NO_JURISDICTION)).as("jurisdiction_code"),
          "kind",
          "show_publicly",
          s.fn.countAll<number>().as("count"),
        ])
        .where("letter_id", "=", letterId)
        .where("status", "=", "confirmed")
        .groupBy(["letter_id", "jurisdiction_code", "kind", "show_publicly"]),
    )
    .execute();
  await trx
    .updateTable("open_letters")
    .set((eb) => ({
      confirmed_count: eb
        .selectFrom("signatures")
        .select((s) => s.fn.countAll<number>().as("n"))
        .where("signatures.letter_id", "=", letterId)
        .where("signatures.status", "=", "confirmed"),
      updated_at: stamp,
    }))
    .where("id", "=", letterId)
    .execute();
}

export interface SignatureCounts {
  /** Confirmed signatures whose signers agreed to be listed: the public list's length. */
  listed: number;
  organisations: number;
  individuals: number;
  /** Most signatures first, then by code; signatures without a country are left out. */
  byJurisdiction: Array<{ code: string; name_en: string; name_fr: string; count: number }>;
}

/** Confirmed signatures by kind and by country (the total is the letter's confirmed_count). */
export async function signatureCounts(letterId: number): Promise<SignatureCounts> {
  const rows = await db
    .selectFrom("open_letter_signature_counts as c")
    .leftJoin("jurisdictions as j", "j.code", "c.jurisdiction_code")
    .select(["c.jurisdiction_code", "c.kind", "c.show_publicly", "c.count", "j.name_en", "j.name_fr"])
    .where("c.letter_id", "=", letterId)
    .where("c.count", "<>", 0)
    .execute();
  const counts: SignatureCounts = { listed: 0, organisations: 0, individuals: 0, byJurisdiction: [] };
  const byCode = new Map<string, SignatureCounts["byJurisdiction"][number]>();
  for (const row of rows) {
    const n = Number(row.count);
    if (row.show_publicly) counts.listed += n;
    if (row.kind === "organisation") counts.organisations += n;
    else if (row.kind === "individual") counts.individuals += n;
    if (row.name_en === null || row.name_fr === null) continue;
    const entry = byCode.get(row.jurisdiction_code);
    if (entry) entry.count += n;
    else
      byCode.set(row.jurisdiction_code, {
        code: row.jurisdiction_code,
        name_en: row.name_en,
        name_fr: row.name_fr,
        count: n,
      });
  }
  counts.byJurisdiction = [...byCode.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return counts;
}
