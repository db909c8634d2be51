/**
 * The database under test, as a parameter: what the server is started with (its environment) and
 * the one check that differs between dialects (the engine's own integrity check). Preparing the
 * database and reading what survived go through Kysely and work on either dialect.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { seedDemo } from "../../demo/demo";
import { seedReferenceData } from "../../db/seeds/reference";

export interface CrashDatabase {
  /** For the report, e.g. "SQLite /tmp/…/crash.db". */
  label: string;
  /** Variables that point the server (and `open()`) at this database. */
  env: Record<string, string>;
  /** A new connection; the caller destroys it. */
  open(): DatabaseHandle;
  /**
   * Restarts the database engine itself (not the app), once per run mid-load; absent when the
   * engine is not a server of ours to restart (SQLite, a PostgreSQL server given by URL).
   */
  restartEngine?: () => Promise<void>;
  /** "ok", or the engine's complaints. */
  integrity(): Promise<string>;
  /** Removes what `prepare` made. */
  dispose(): Promise<void>;
}

/** Migrates and seeds the database as `npm start` does on an empty one (demo data included). */
export async function prepareDatabase(database: CrashDatabase, demoPassword: string): Promise<void> {
  const handle = database.open();
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
  } finally {
    await handle.db.destroy();
  }
}

export interface SqliteOptions {
  /** A migrated, seeded file to copy instead of preparing one (the test suite's template). */
  template?: string;
}

/** A SQLite file in a fresh temp dir; `prepareDatabase` is still the caller's to run without a template. */
export function sqliteDatabase({ template }: SqliteOptions = {}): CrashDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-crash-"));
  const file = path.join(dir, "crash.db");
  if (template) fs.copyFileSync(template, file);
  const env = { DATABASE_PATH: file };
  return {
    label: `SQLite ${file}`,
    env,
    open: () => openDatabase(env),
    async integrity() {
      const handle = openDatabase(env);
      try {
        const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
        return rows.map((row) => row.integrity_check).join("; ");
      } finally {
        await handle.db.destroy();
      }
    },
    async dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
