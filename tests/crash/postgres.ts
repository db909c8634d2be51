/**
 * PostgreSQL as the crash loop's database: a fresh database per run on a server the caller names
 * (or a throwaway local one, scripts/postgres-local.sh), dropped at the end. PostgreSQL has no
 * `PRAGMA integrity_check`; the check here is the app's own invariants plus amcheck's B-tree check
 * of every index in the public schema, when the extension is available.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { openDatabase } from "../../db/connection";
import { createDatabase, dropDatabase, urlForDatabase } from "../support/postgres-test-db";
import type { CrashDatabase } from "./database";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LOCAL_SCRIPT = path.join(ROOT, "scripts/postgres-local.sh");
const run = promisify(execFile);

/** The throwaway local server of scripts/postgres-local.sh, started if it is not running. */
export interface LocalServer {
  url: string;
  /** `pg_ctl restart -m immediate`: the server's processes die without a checkpoint. */
  restart(): Promise<void>;
  /** Stops and deletes it, when this process started it. */
  stop(): Promise<void>;
}

export async function startLocalServer(env: NodeJS.ProcessEnv = process.env): Promise<LocalServer> {
  const running = await run("bash", [LOCAL_SCRIPT, "status"], { env }).then(
    () => true,
    () => false,
  );
  const { stdout } = await run("bash", [LOCAL_SCRIPT, "start"], { env });
  return {
    url: stdout.trim(),
    restart: async () => {
      await run("bash", [LOCAL_SCRIPT, "restart"], { env });
    },
    stop: async () => {
      if (!running) await run("bash", [LOCAL_SCRIPT, "stop"], { env });
    },
  };
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

// Each query returns the rows that break one invariant of the app (at most 5, for the report).
const INVARIANTS: Record<string, string> = {
  "signature without its signature-confirm mail": `
    SELECT s.id::text AS id FROM signatures s
    WHERE s.email_normalised LIKE 'crash-%' AND NOT EXISTS (
      SELECT 1 FROM outbox o WHERE o.idempotency_key = 'signature-confirm:' || s.id
        AND o.template = 'signature-confirm' AND lower(o.to_address) = s.email_normalised)
    LIMIT 5`,
  "signature-confirm mail without its signature": `
    SELECT o.id::text AS id FROM outbox o
    WHERE o.template = 'signature-confirm' AND o.idempotency_key LIKE 'signature-confirm:%' AND NOT EXISTS (
      SELECT 1 FROM signatures s WHERE 'signature-confirm:' || s.id = o.idempotency_key)
    LIMIT 5`,
  "open_letters.confirmed_count differs from the confirmed signatures": `
    SELECT l.id::text AS id FROM open_letters l
    WHERE l.confirmed_count <> (SELECT count(*) FROM signatures s WHERE s.letter_id = l.id AND s.status = 'confirmed')
    LIMIT 5`,
  "open_letter_signature_counts differ from the confirmed signatures": `
    SELECT letter_id::text AS id FROM open_letter_signature_counts c
    FULL JOIN (
      SELECT letter_id, coalesce(jurisdiction_code, '') AS jurisdiction_code, kind, show_publicly, count(*) AS n
      FROM signatures WHERE status = 'confirmed' GROUP BY letter_id, jurisdiction_code, kind, show_publicly
    ) s USING (letter_id, jurisdiction_code, kind, show_publicly)
    WHERE coalesce(c.count, 0) <> coalesce(s.n, 0)
    LIMIT 5`,
  "signature of a missing letter": `
    SELECT s.id::text AS id FROM signatures s
    WHERE NOT EXISTS (SELECT 1 FROM open_letters l WHERE l.id = s.letter_id) LIMIT 5`,
  "signature of a missing letter version": `
    SELECT s.id::text AS id FROM signatures s
    WHERE NOT EXISTS (SELECT 1 FROM open_letter_texts t WHERE t.letter_id = s.letter_id AND t.version = s.version)
    LIMIT 5`,
  "duplicate signature (letter, e-mail)": `
    SELECT min(id)::text AS id FROM signatures WHERE email_normalised IS NOT NULL
    GROUP BY letter_id, email_normalised HAVING count(*) > 1 LIMIT 5`,
};

/** "ok", or what amcheck reports; undefined when the extension cannot be created. */
async function amcheck(url: string): Promise<{ result: string; indexes: number } | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
    } catch {
      return undefined;
    }
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_index i
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE a.amname = 'btree' AND n.nspname = 'public' AND c.relpersistence <> 't'`,
    );
    const problems: string[] = [];
    for (const { name } of rows) {
      try {
        // heapallindexed: every heap tuple must be findable through the index, not only the index sorted.
        await client.query("SELECT bt_index_check($1::regclass, true)", [name]);
      } catch (error) {
        problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { result: problems.length ? problems.join("; ") : "ok", indexes: rows.length };
  } finally {
    await client.end();
  }
}

export interface PostgresOptions {
  /** A server URL whose user may CREATE DATABASE; the run's database is made and dropped on it. */
  serverUrl: string;
  /** Restarts the PostgreSQL server (the local throwaway one); without it, no engine restart. */
  restartServer?: () => Promise<void>;
}

/** A fresh, empty database on the server; `prepareDatabase` migrates and seeds it. */
export async function postgresDatabase({ serverUrl, restartServer }: PostgresOptions): Promise<CrashDatabase> {
  const name = `hub_crash_${crypto.randomBytes(4).toString("hex")}`;
  await createDatabase(serverUrl, name);
  const url = urlForDatabase(serverUrl, name);
  // The local throwaway server runs with synchronous_commit=off; an acknowledged commit must reach
  // the WAL on disk before the answer, as in production.
  await query(serverUrl, `ALTER DATABASE "${name}" SET synchronous_commit = on`);
  const env = { DATABASE_URL: url };
  let checkedIndexes = 0;
  return {
    get label() {
      return `PostgreSQL ${url.replace(/:[^:@/]*@/, ":***@")} (synchronous_commit=on, ${
        checkedIndexes ? `amcheck over ${checkedIndexes} B-tree indexes` : "amcheck when available"
      })`;
    },
    env,
    open: () => openDatabase(env),
    restartEngine: restartServer,
    async integrity() {
      const problems: string[] = [];
      for (const [label, text] of Object.entries(INVARIANTS)) {
        const rows = await query<{ id: string }>(url, text);
        if (rows.length) problems.push(`${label}: ${rows.map((r) => r.id).join(", ")}`);
      }
      const checked = await amcheck(url);
      if (checked) {
        checkedIndexes = checked.indexes;
        if (checked.result !== "ok") problems.push(`amcheck: ${checked.result}`);
      }
      return problems.length ? problems.join("; ") : "ok";
    },
    async dispose() {
      await dropDatabase(serverUrl, name);
    },
  };
}
