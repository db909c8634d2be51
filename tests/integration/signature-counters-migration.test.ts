/**
 * Migration 0013 on a database that already has signatures: a fresh database (SQLite file, or a
 * PostgreSQL database with TEST_DATABASE_URL) migrated to 0012, filled, then migrated to the end.
 * Its counters must equal a GROUP BY over the rows it found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/connection";
import type { SignatureStatus } from "../../db/schema";
import { databaseMigratedTo, migrator, type MigrationDatabase } from "../support/migration-db";
import { countsFromCounters, countsFromRows } from "../support/signature-counts";

let database: MigrationDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await databaseMigratedTo("0012_health_checks", "m");
  handle = database.handle;
});

afterAll(() => database?.close());

async function letter(slug: string): Promise<number> {
  const stamp = new Date().toISOString();
  const row = await handle.db
    .insertInto("open_letters")
    .values({
      slug,
      status: "open",
      opens_on: null,
      closes_on: null,
      signature_goal: null,
      current_version: 1,
      confirmed_count: 0,
      delivered_on: null,
      delivered_to: null,
      created_by: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

const STATUSES: SignatureStatus[] = ["confirmed", "confirmed", "pending", "withdrawn", "rejected"];
const JURISDICTIONS = ["FR", "DE", "KE", "BR", null];

/** `count` signatures of every status, kind, country (or none) and listing, in a fixed pattern. */
async function signatures(letterId: number, count: number, offset: number) {
  const stamp = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const status = STATUSES[n % STATUSES.length];
    const email = `migration-${letterId}-${i}@example.org`;
    return {
      letter_id: letterId,
      version: 1,
      kind: n % 7 === 0 ? ("organisation" as const) : ("individual" as const),
      name: `Signer ${i}`,
      affiliation: null,
      jurisdiction_code: JURISDICTIONS[Math.floor(n / STATUSES.length) % JURISDICTIONS.length],
      email,
      email_normalised: email,
      coalition_member_id: null,
      signed_by_user_id: null,
      show_publicly: n % 4 === 0 ? 0 : 1,
      status,
      confirm_token_hash: null,
      withdraw_token_hash: null,
      confirmed_at: status === "pending" ? null : stamp,
      withdrawn_at: null,
      rejected_at: null,
      rejection_reason: null,
      ip_hash: null,
      created_at: stamp,
      updated_at: stamp,
    };
  });
  for (let i = 0; i < rows.length; i += 100)
    await handle.db
      .insertInto("signatures")
      .values(rows.slice(i, i + 100))
      .execute();
}

describe("migration 0013_signature_counters", () => {
  it("backfills the counters from the existing signatures: equal to a GROUP BY over them", async () => {
    const letters = [await letter("migration-busy"), await letter("migration-small"), await letter("migration-empty")];
    await signatures(letters[0], 400, 0);
    await signatures(letters[1], 9, 3);

    const after = await migrator(handle).migrateToLatest();
    expect(after.error).toBeUndefined();
    expect(after.results?.map((r) => r.migrationName)).toContain("0013_signature_counters");

    const busy = await countsFromRows(handle.db, letters[0]);
    expect(busy.some((r) => r.jurisdiction_code === "")).toBe(true);
    expect(new Set(busy.map((r) => r.kind))).toEqual(new Set(["organisation", "individual"]));
    expect(new Set(busy.map((r) => r.show_publicly))).toEqual(new Set([0, 1]));
    for (const id of letters)
      expect(await countsFromCounters(handle.db, id)).toEqual(await countsFromRows(handle.db, id));
    expect(await countsFromCounters(handle.db, letters[2])).toEqual([]);
  });
});
