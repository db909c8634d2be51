/**
 * Migration 0021 on a database that already has lawmakers: a fresh database (SQLite file, or a
 * PostgreSQL database with TEST_DATABASE_URL) migrated to 0018, filled, then migrated to the end.
 * The lawmakers stay as they were, with no division yet, and the division can then be stored and
 * found through its index.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, sql, type Kysely, type MigrationProvider } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrations } from "../../db/migrations";
import { seedReferenceData } from "../../db/seeds/reference";
import { TMP_DIR } from "../support/paths";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "../support/postgres-test-db";

const serverUrl = testPostgresUrl();
const file = path.join(TMP_DIR, `migration-${process.pid}-${crypto.randomUUID()}.db`);
const pgDatabase = `${(process.env.TEST_DATABASE_TEMPLATE ?? "hub_test_").replace(/template$/, "")}d${crypto.randomUUID().slice(0, 8)}`;
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
  const before = await migrator(handle).migrateTo("0018_application_public_profile");
  expect(before.error).toBeUndefined();
  await seedReferenceData(handle.db);
});

afterAll(async () => {
  await handle?.db.destroy();
  if (serverUrl) await dropDatabase(serverUrl, pgDatabase);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

describe("migration 0021_lawmaker_divisions", () => {
  it("adds an empty, indexed division to the lawmakers already there", async () => {
    const stamp = new Date().toISOString();
    // Written with raw SQL: the typed schema already has the column this database lacks.
    for (const [name, district] of [
      ["Before Migration One", "7"],
      ["Before Migration Two", "8"],
    ]) {
      await sql`insert into lawmakers (name, title, body, jurisdiction_code, constituency, match_key, search_text, created_at, updated_at)
        values (${name}, 'Representative', 'House', 'US', ${`WA-0${district}`}, ${name.toLowerCase()}, '', ${stamp}, ${stamp})`.execute(
        handle.db,
      );
    }
    const after = await migrator(handle).migrateToLatest();
    expect(after.error).toBeUndefined();
    expect(after.results?.map((r) => r.migrationName)).toContain("0021_lawmaker_divisions");

    const rows = await handle.db.selectFrom("lawmakers").select(["name", "constituency", "ocd_division_id"]).execute();
    expect(rows).toEqual([
      { name: "Before Migration One", constituency: "WA-07", ocd_division_id: null },
      { name: "Before Migration Two", constituency: "WA-08", ocd_division_id: null },
    ]);
    await handle.db
      .updateTable("lawmakers")
      .set({ ocd_division_id: "ocd-division/country:us/state:wa/cd:7" })
      .where("name", "=", "Before Migration One")
      .execute();
    const found = await handle.db
      .selectFrom("lawmakers")
      .select("name")
      .where("ocd_division_id", "=", "ocd-division/country:us/state:wa/cd:7")
      .execute();
    expect(found).toEqual([{ name: "Before Migration One" }]);

    const indexes =
      handle.dialect === "postgres"
        ? await sql<{ name: string }>`select indexname as name from pg_indexes where tablename = 'lawmakers'`.execute(
            handle.db,
          )
        : await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'lawmakers'`.execute(handle.db);
    expect(indexes.rows.map((row) => row.name)).toContain("lawmakers_ocd_division");
  });
});
