import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
} from "kysely";
import pg from "pg";
import { dialectFromEnv, PostgresNulPlugin, type DialectName, type Env } from "./dialect";
import type { Database } from "./schema";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives: a file path for SQLite, the URL without password for PostgreSQL. */
  location: string;
  /** PostgreSQL only: the connection pool, for libraries that take a pg pool (shared rate limits). */
  pgPool?: pg.Pool;
}

export function databasePathFromEnv(env: Env = process.env): string {
  return path.resolve(env.DATABASE_PATH ?? "./data/app.db");
}

/** Opens a SQLite file with the settings every connection must have. */
export function openSqliteFile(file: string): SQLite.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // An acknowledged signature or letter must survive a power cut, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  return sqlite;
}

// PostgreSQL sends count() and sum() as bigint/numeric, which pg returns as strings to keep their
// precision. The app's counts and sums are far below 2^53: read them as numbers, as SQLite does.
const numberParser = (value: string) => Number(value);
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? numberParser
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * On some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM, SQLITE_BUSY in a write) SQLite rolls the
 * transaction back itself; Kysely's ROLLBACK then fails with "cannot rollback - no transaction is
 * active", and that error replaced the one that says what went wrong. Roll back only what is open.
 */
class SqliteRollbackSafeDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: withStatementCache(sqlite) });
  }

  override createDriver(): Driver {
    const sqlite = this.sqlite;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: withStatementCache(sqlite) });
  }
}

/** Statements the app runs again and again (a page runs the same few dozen queries). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; SQLite's parsing and planning then cost more than running the
 * query itself. Prepared statements are kept by their SQL text (the app's queries are built from
 * code, values are bound parameters, so the set is small); one in the middle of an iteration is
 * never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(sql);
      if (!cached) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

export function openDatabase(env: Env = process.env): DatabaseHandle {
  const dialect = dialectFromEnv(env);
  if (dialect === "postgres") {
    const url = env.DATABASE_URL as string;
    const pool = new pg.Pool({ connectionString: url, max: Number(env.DATABASE_POOL_SIZE ?? 10), types: pgTypes });
    // An idle connection the server closes (restart, failover) must not crash the process: the pool
    // drops it, and the next query opens a new one or fails where it is handled.
    pool.on("error", () => {});
    // The pool listens only to idle clients: one checked out when the server goes away (restart,
    // failover) emits "error" with no listener, which kills the process. Its query rejects anyway.
    pool.on("connect", (client) => client.on("error", () => {}));
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new PostgresNulPlugin()] }),
      dialect,
      location: url.replace(/:[^:@/]*@/, ":***@"),
      pgPool: pool,
    };
  }
  const file = databasePathFromEnv(env);
  return {
    db: new Kysely<Database>({ dialect: new SqliteRollbackSafeDialect(openSqliteFile(file)) }),
    dialect,
    location: file,
  };
}

// The Remix server bundle and the Node server both import this module; a process-wide singleton
// keeps them on one connection (and survives module reloads in development).
const globalForDb = globalThis as unknown as { __hubDatabase?: DatabaseHandle };

export function getDatabase(): DatabaseHandle {
  globalForDb.__hubDatabase ??= openDatabase();
  return globalForDb.__hubDatabase;
}

export const db = new Proxy({} as Kysely<Database>, {
  get(_target, prop) {
    const real = getDatabase().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.__hubDatabase;
  globalForDb.__hubDatabase = undefined;
  if (handle) await handle.db.destroy();
}
