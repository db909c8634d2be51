/**
 * A fresh database for a migration test: a SQLite file, or a PostgreSQL database on
 * TEST_DATABASE_URL, migrated up to a given migration (and the reference data seeded), so that a
 * test can fill it as it was then and run the migrations after it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, type Kysely, type MigrationProvider } from "kysely";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrations } from "../../db/migrations";
import { seedReferenceData } from "../../db/seeds/reference";
import { TMP_DIR } from "./paths";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "./postgres-test-db";

export function migrator(target: DatabaseHandle): Migrator {
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

export interface MigrationDatabase {
  handle: DatabaseHandle;
  /** Closes the database and deletes it. */
  close(): Promise<void>;
}

/** Opens a new database migrated to `migration` (included), with the reference data. */
export async function databaseMigratedTo(migration: string, tag: string): Promise<MigrationDatabase> {
  const serverUrl = testPostgresUrl();
  const file = path.join(TMP_DIR, `migration-${process.pid}-${crypto.randomUUID()}.db`);
  const pgDatabase = `${(process.env.TEST_DATABASE_TEMPLATE ?? "hub_test_").replace(/template$/, "")}${tag}${crypto.randomUUID().slice(0, 8)}`;
  if (serverUrl) await createDatabase(serverUrl, pgDatabase);
  const handle = serverUrl
    ? openDatabase({ DATABASE_URL: urlForDatabase(serverUrl, pgDatabase) })
    : openDatabase({ DATABASE_PATH: file });
  const before = await migrator(handle).migrateTo(migration);
  if (before.error) throw before.error;
  await seedReferenceData(handle.db);
  return {
    handle,
    close: async () => {
      await handle.db.destroy();
      if (serverUrl) await dropDatabase(serverUrl, pgDatabase);
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    },
  };
}
