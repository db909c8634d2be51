/**
 * Migration 0013 on a database that already has signatures: a fresh database (SQLite file, or a
 * PostgreSQL database with TEST_DATABASE_URL) migrated to 0012, filled, then migrated to the end.
 * Its counters must equal a GROUP BY over the rows it found.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, type Kysely, type MigrationProvider } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrations } from "../../db/migrations";
import type { SignatureStatus } from "../../db/schema";
import { seedReferenceData } from "../../db/seeds/reference";
import { TMP_DIR } from "../support/paths";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "../support/postgres-test-db";
import { countsFromCounters, countsFromRows } from "../support/signature-counts";

const serverUrl = testPostgresUrl();
const file = path.join(TMP_DIR, `migration-${process.pid}-${crypto.randomUUID()}.db`);
const pgDatabase = `${(process.env.TEST_DATABASE_TEMPLATE ?? "hub_test_").replace(/template$/, "")}m${crypto.randomUUID().slice(0, 8)}`;
let handle: DatabaseHandle;

function migrator(target: DatabaseHandle): Migrator {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(migrations).map(([name, m]) => [
          name,
          { up: (db: Kysely<unknown>) => m.up(db, target.dialect) },
        ]),
      ),
  };
  return new Migrator({ db: target.db, provider });
}

beforeAll(async () => {
  if (serverUrl) {
    await createDatabase(serverUrl, pgDatabase);
    handle = openDatabase({ DATABASE_URL: urlForDatabase(serverUrl, pgDatabase) });
  } else {
    handle = openDatabase({ DATABASE_PATH: file });
  }
  const before = await migrator(handle).migrateTo("0012_health_checks");
  expect(before.error).toBeUndefined();
  await seedReferenceData(handle.db);
});

afterAll(async () => {
  await handle?.db.destroy();
  if (serverUrl) await dropDatabase(serverUrl, pgDatabase);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

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
