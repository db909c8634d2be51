/**
 * `npm run bench:sign -- --databases sqlite,postgres`: the signing measurement of bench/sign.ts on
 * each database, side by side in one run. Each database gets its own app process, both running for
 * the whole run; every round measures, per database, /ping and then the signing load on that
 * database's app (the order of the databases rotates each round), so the ratio signatures/s ÷
 * /ping req/s compares the databases under the same machine state.
 *
 * PostgreSQL: a fresh database on the server BENCH_DATABASE_URL names (its user needs CREATEDB),
 * else on a throwaway local server (scripts/postgres-local.sh: PG_PORT, PG_DATA), dropped at the
 * end. The bench database commits with `synchronous_commit=on`, as SQLite runs with
 * `synchronous=FULL`; the server's own `fsync` setting is printed (the local server runs without).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../db/connection";
import type { Env } from "../db/dialect";
import { createDatabase, dropDatabase, urlForDatabase } from "../tests/support/postgres-test-db";
import { startLocalServer, type LocalServer } from "../tests/crash/postgres";
import { BASELINE, isInterrupted, measure } from "./measure";
import { median, table } from "./report";
import { startApp, type AppProcess } from "./server";
import { prepareDatabase, signLoad, SLUG, WARMUP_SLUG } from "./sign-load";

export type DatabaseName = "sqlite" | "postgres";

export function parseDatabases(raw: string): DatabaseName[] {
  const names = raw.split(",").map((s) => s.trim());
  for (const name of names)
    if (name !== "sqlite" && name !== "postgres") throw new Error(`--databases: sqlite or postgres, not "${name}"`);
  return [...new Set(names)] as DatabaseName[];
}

export interface CompareSettings {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
}

interface Target {
  name: DatabaseName;
  label: string;
  env: Env;
  app?: AppProcess;
  dispose(): Promise<void>;
}

interface Row {
  ping: number;
  perSecond: number;
  ratio: number;
  p50: number;
  p99: number;
  accepted: number;
  other: number;
}

async function makeTarget(name: DatabaseName, demoPassword: string, local: { server?: LocalServer }): Promise<Target> {
  if (name === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-sign-"));
    const env = { DATABASE_PATH: path.join(dir, "sign.db") };
    await prepareDatabase(env, demoPassword);
    return {
      name,
      label: "SQLite (WAL, synchronous=FULL)",
      env,
      dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const given = process.env.BENCH_DATABASE_URL;
  const serverUrl = given ?? (local.server ??= await startLocalServer()).url;
  const db = `hub_bench_${crypto.randomBytes(4).toString("hex")}`;
  await createDatabase(serverUrl, db);
  const env = { DATABASE_URL: urlForDatabase(serverUrl, db) };
  const handle = openDatabase(env);
  let settings = "";
  try {
    await sql.raw(`ALTER DATABASE "${db}" SET synchronous_commit = on`).execute(handle.db);
    const show = async (setting: string) =>
      (await sql<Record<string, string>>`select current_setting(${setting}) as v`.execute(handle.db)).rows[0]?.v;
    settings = `fsync=${await show("fsync")}, full_page_writes=${await show("full_page_writes")}, version ${await show("server_version")}`;
  } finally {
    await handle.db.destroy();
  }
  await prepareDatabase(env, demoPassword);
  return {
    name,
    label: `PostgreSQL (synchronous_commit=on, ${settings})`,
    env,
    dispose: () => dropDatabase(serverUrl, db),
  };
}

/** Pending signatures of the bench letter and how many have their confirmation mail. */
async function counts(env: Env): Promise<{ pending: number; mails: number }> {
  const handle = openDatabase(env);
  try {
    const { rows } = await sql<{ pending: number; mails: number }>`
      select count(*) as pending,
        sum(case when exists (select 1 from outbox o where o.template = 'signature-confirm'
          and o.idempotency_key = 'signature-confirm:' || s.id) then 1 else 0 end) as mails
      from signatures s join open_letters l on l.id = s.letter_id
      where l.slug = ${SLUG} and s.status = 'pending'`.execute(handle.db);
    return { pending: Number(rows[0]?.pending ?? 0), mails: Number(rows[0]?.mails ?? 0) };
  } finally {
    await handle.db.destroy();
  }
}

const fmt = (value: number, digits = 0) =>
  Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Returns the exit code: 1 when a database's signatures and mails do not add up or the app failed. */
export async function compareDatabases(settings: CompareSettings, names: DatabaseName[]): Promise<number> {
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  const local: { server?: LocalServer } = {};
  const targets: Target[] = [];
  const rows = new Map<DatabaseName, Row[]>();
  try {
    for (const name of names) {
      const target = await makeTarget(name, demoPassword, local);
      targets.push(target);
      target.app = await startApp({
        databasePath: target.env.DATABASE_PATH,
        databaseUrl: target.env.DATABASE_URL,
        demoPassword,
      });
      console.log(`${name}: ${target.label}`);
      if (settings.warmup > 0) await signLoad(target.app, WARMUP_SLUG, settings.warmup, settings.connections);
    }
    for (let round = 1; round <= settings.rounds && !isInterrupted(); round++) {
      const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]);
      for (const target of order) {
        const app = target.app as AppProcess;
        const [ping] = await measure(
          app,
          { ...settings, rounds: 1, warmup: 0, routes: [{ path: BASELINE, email: undefined, label: BASELINE }] },
          new Map(),
          () => undefined,
        );
        const r = await signLoad(app, SLUG, settings.duration, settings.connections);
        const crash = app.crashReport();
        if (crash) throw new Error(crash);
        const accepted = r.statusCodeStats["303"]?.count ?? 0;
        const perSecond = accepted / (r.duration || settings.duration);
        const row: Row = {
          ping: ping?.okRps ?? Number.NaN,
          perSecond,
          ratio: ping?.okRps ? perSecond / ping.okRps : Number.NaN,
          p50: r.latency.p50,
          p99: r.latency.p99,
          accepted,
          other: r.errors + Object.entries(r.statusCodeStats).reduce((n, [k, s]) => n + (k === "303" ? 0 : s.count), 0),
        };
        rows.set(target.name, [...(rows.get(target.name) ?? []), row]);
        console.log(
          `round ${round} ${target.name.padEnd(8)} ${BASELINE} ${fmt(row.ping)} req/s, signing ${fmt(perSecond, 1)}/s ` +
            `(× ${BASELINE} ${fmt(row.ratio, 4)}), p50 ${fmt(row.p50, 1)} ms, p99 ${fmt(row.p99, 1)} ms, other answers ${row.other}`,
        );
      }
    }
    let ok = true;
    const lines: string[][] = [];
    for (const target of targets) {
      const mine = rows.get(target.name) ?? [];
      const accepted = mine.reduce((n, r) => n + r.accepted, 0);
      const db = await counts(target.env);
      // Requests in flight when a run stopped still complete: at most one per connection per run.
      const inFlight = db.pending - accepted;
      const consistent = db.mails === db.pending && inFlight >= 0 && inFlight <= settings.connections * mine.length;
      const other = mine.reduce((n, r) => n + r.other, 0);
      ok &&= consistent && other === 0;
      lines.push([
        target.name,
        fmt(median(mine.map((r) => r.perSecond)), 1),
        fmt(median(mine.map((r) => r.ratio)), 4),
        fmt(median(mine.map((r) => r.ping))),
        fmt(median(mine.map((r) => r.p50)), 1),
        fmt(median(mine.map((r) => r.p99)), 1),
        fmt(other),
        `${db.pending} / ${db.mails}${consistent ? "" : " INCONSISTENT"}`,
      ]);
    }
    console.log(
      `\n— signing, side by side (median of ${settings.rounds} rounds; ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} load now) —`,
    );
    console.log(
      table(
        [
          "database",
          "signatures/s",
          `× ${BASELINE}`,
          `${BASELINE} req/s`,
          "p50 ms",
          "p99 ms",
          "other answers",
          "DB pending / mails",
        ],
        lines,
      ),
    );
    console.log(ok ? "consistent: every pending signature has its mail, nothing refused" : "FAIL");
    return ok ? 0 : 1;
  } finally {
    for (const target of targets) {
      await target.app?.stop();
      await target.dispose();
    }
    await local.server?.stop();
  }
}
