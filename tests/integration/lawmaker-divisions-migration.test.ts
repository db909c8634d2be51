/**
 * Migration 0021 on a database that already has lawmakers: a fresh database (SQLite file, or a
 * PostgreSQL database with TEST_DATABASE_URL) migrated to 0018, filled, then migrated to the end.
 * The lawmakers stay as they were, with no division yet, and the division can then be stored and
 * found through its index.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/connection";
import { databaseMigratedTo, migrator, type MigrationDatabase } from "../support/migration-db";

let database: MigrationDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  database = await databaseMigratedTo("0018_application_public_profile", "d");
  handle = database.handle;
});

afterAll(() => database?.close());

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
