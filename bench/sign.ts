/**
 * `npx tsx bench/sign.ts`: the open letters bar (issue 4).
 *
 * 1. Signing: individual signatures POSTed to the real server (Remix action, SQLite with
 *    `synchronous=FULL`, the confirmation mail queued in the same transaction) at 32 connections,
 *    each request with its own e-mail address. An accepted signature is answered 303 (see other) to
 *    the "check your e-mail" page (Post/Redirect/Get). Bar: ≥ 500 accepted signatures/s with
 *    p99 < 200 ms, and afterwards that many pending signatures with one confirmation mail each
 *    (plus at most one per connection: requests still in flight when the load generator stopped).
 * 2. The letter page with 100,000 confirmed signatures against the empty route (/ping) in the same
 *    rounds, with the public-page micro-cache on (the default) and off (`PAGE_CACHE_TTL_MS=0`).
 *    Bar: at least half of /ping's req/s.
 *
 * All requests come from one address (127.0.0.1), so the per-IP rate limits are lifted through
 * configuration (`RATE_LIMIT_MULTIPLIER`); the output says so. See bench/README.md.
 *
 *   npx tsx bench/sign.ts --duration 5 --rounds 2
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { BASELINE, exitWith, isInterrupted, measure, positive, withApp } from "./measure";
import { failed, machineInfo, median, table, type Sample } from "./report";
import { seedConfirmed } from "./signatures-seed";
import { buildIfStale, startApp, type AppProcess } from "./server";
import { prepareDatabase, signLoad, SLUG, WARMUP_SLUG } from "./sign-load";
import { compareDatabases, parseDatabases, type DatabaseName } from "./sign-databases";

const BAR = { signaturesPerSecond: 500, signP99Ms: 200, pageRatio: 0.5 };
const RATE_LIMIT_MULTIPLIER = "1000000";

const USAGE = `Usage: npx tsx bench/sign.ts [options]
  --duration <s>      measured seconds of signing, and per route and round (default 10)
  --warmup <s>        warm-up seconds before each measured run (default 2, 0 = none)
  --connections <n>   concurrent connections (default 32)
  --rounds <n>        rounds of /ping vs the letter page, per cache setting (default 3)
  --signatures <n>    confirmed signatures seeded before measuring the letter page (default 100000)
  --databases <list>  instead: only the signing load, on each of sqlite,postgres side by side, with
                      /ping in the same rounds (BENCH_DATABASE_URL, else a local server; see
                      bench/sign-databases.ts)
  --help`;

interface Settings {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  signatures: number;
  databases: DatabaseName[] | undefined;
}

function parseSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "32" },
      rounds: { type: "string", default: "3" },
      signatures: { type: "string", default: "100000" },
      databases: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  return {
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    signatures: Math.round(positive("signatures", values.signatures, true)),
    databases: values.databases === undefined ? undefined : parseDatabases(values.databases),
  };
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function dbCounts(file: string, slug: string) {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const letter = sqlite.prepare("select id, confirmed_count from open_letters where slug = ?").get(slug) as {
      id: number;
      confirmed_count: number;
    };
    const pending = sqlite
      .prepare("select count(*) as n from signatures where letter_id = ? and status = 'pending'")
      .get(letter.id) as { n: number };
    const mails = sqlite
      .prepare(
        "select count(*) as n from outbox o join signatures s on o.idempotency_key = 'signature-confirm:' || s.id " +
          "where s.letter_id = ? and o.template = 'signature-confirm'",
      )
      .get(letter.id) as { n: number };
    return { pending: pending.n, mails: mails.n, letterId: letter.id, confirmedCount: letter.confirmed_count };
  } finally {
    sqlite.close();
  }
}

async function pageRounds(app: AppProcess, settings: Settings, label: string): Promise<Sample[]> {
  console.log(`\n— letter page vs ${BASELINE} (${label}) —`);
  const routes = [BASELINE, `/letters/${SLUG}`].map((p) => ({ path: p, email: undefined, label: p }));
  const probe = await fetch(`${app.baseUrl}/letters/${SLUG}`);
  const bytes = (await probe.arrayBuffer()).byteLength;
  console.log(`probe:    /letters/${SLUG} → HTTP ${probe.status}, ${bytes.toLocaleString("en-US")} bytes`);
  return measure(
    app,
    {
      duration: settings.duration,
      warmup: settings.warmup,
      connections: settings.connections,
      rounds: settings.rounds,
      routes,
    },
    new Map(),
    () => undefined,
  );
}

function pageVerdict(samples: Sample[]): { ratio: number; line: string; pass: boolean } {
  const page = samples.filter((s) => s.route !== BASELINE);
  const base = samples.filter((s) => s.route === BASELINE);
  const ratio = median(page.map((s) => s.ratio).filter((r): r is number => r !== undefined));
  const pass = ratio >= BAR.pageRatio && !page.some(failed);
  const line = table(
    ["route", "req/s (2xx)", `× ${BASELINE}`, "p50 ms", "p99 ms", "non-2xx", "errors"],
    [base, page].map((mine) => [
      (mine.some(failed) ? "! " : "  ") + (mine[0]?.route ?? "?"),
      fmt(median(mine.map((s) => s.okRps))),
      fmt(median(mine.map((s) => s.ratio ?? Number.NaN)), 3),
      fmt(median(mine.map((s) => s.p50)), 1),
      fmt(median(mine.map((s) => s.p99)), 1),
      fmt(mine.reduce((sum, s) => sum + s.non2xx, 0)),
      fmt(mine.reduce((sum, s) => sum + s.errors, 0)),
    ]),
  );
  return { ratio, line, pass };
}

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2));
  if (!settings) {
    console.log(USAGE);
    return 0;
  }
  buildIfStale();
  console.log(machineInfo());
  if (settings.databases) {
    process.env.RATE_LIMIT_MULTIPLIER = RATE_LIMIT_MULTIPLIER;
    console.log(`NOTE:     rate limits lifted through configuration: RATE_LIMIT_MULTIPLIER=${RATE_LIMIT_MULTIPLIER}`);
    console.log(
      `settings: ${settings.connections} connections, ${settings.duration} s per run, ${settings.rounds} rounds`,
    );
    return compareDatabases(settings, settings.databases);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-sign-"));
  const file = path.join(dir, "sign.db");
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  await prepareDatabase({ DATABASE_PATH: file }, demoPassword);
  // Inherited by the app process (bench/server.ts passes the environment on).
  process.env.RATE_LIMIT_MULTIPLIER = RATE_LIMIT_MULTIPLIER;
  console.log(
    `NOTE:     rate limits lifted through configuration: RATE_LIMIT_MULTIPLIER=${RATE_LIMIT_MULTIPLIER} ` +
      "(every request comes from 127.0.0.1; the per-IP limits would otherwise answer 429).",
  );
  console.log(
    `settings: ${settings.connections} connections, ${settings.duration} s measured, SQLite synchronous=FULL`,
  );
  const verdicts: string[] = [];
  let allPass = true;

  try {
    // Cache on (the default) — signing, seeding, then the page.
    delete process.env.PAGE_CACHE_TTL_MS;
    const code = await withApp(
      () => startApp({ databasePath: file, demoPassword }),
      async (app) => {
        console.log("\n— signing —");
        if (settings.warmup > 0) await signLoad(app, WARMUP_SLUG, settings.warmup, settings.connections);
        const r = await signLoad(app, SLUG, settings.duration, settings.connections);
        const crash = app.crashReport();
        if (crash) throw new Error(crash);
        const accepted = r.statusCodeStats["303"]?.count ?? 0;
        const seconds = r.duration || settings.duration;
        const perSecond = accepted / seconds;
        const counts = dbCounts(file, SLUG);
        const statuses = Object.entries(r.statusCodeStats)
          .map(([status, s]) => `${status}×${s.count}`)
          .join(" ");
        console.log(
          table(
            ["accepted (303)", "signatures/s", "p50 ms", "p99 ms", "statuses", "errors", "DB pending", "DB mails"],
            [
              [
                fmt(accepted),
                fmt(perSecond, 1),
                fmt(r.latency.p50, 1),
                fmt(r.latency.p99, 1),
                statuses || "none",
                fmt(r.errors),
                fmt(counts.pending),
                fmt(counts.mails),
              ],
            ],
          ),
        );
        // Requests in flight when autocannon stopped still complete on the server: at most one per
        // connection more in the database than counted here.
        const inFlight = counts.pending - accepted;
        const consistent = counts.mails === counts.pending && inFlight >= 0 && inFlight <= settings.connections;
        const signPass =
          perSecond >= BAR.signaturesPerSecond && r.latency.p99 < BAR.signP99Ms && r.errors === 0 && consistent;
        allPass &&= signPass;
        verdicts.push(
          `signing: ${fmt(perSecond, 1)} accepted signatures/s, p99 ${fmt(r.latency.p99, 1)} ms; ` +
            `DB ${counts.pending} pending / ${counts.mails} mails for ${accepted} accepted + ${inFlight} in flight ` +
            `(${consistent ? "consistent" : "INCONSISTENT"}) → ${signPass ? "PASS" : "FAIL"} ` +
            `(bar: ≥ ${BAR.signaturesPerSecond}/s, p99 < ${BAR.signP99Ms} ms)`,
        );
        if (isInterrupted()) return 130;

        console.log(`\nseeding ${fmt(settings.signatures)} confirmed signatures…`);
        const seedSeconds = seedConfirmed(file, counts.letterId, settings.signatures);
        const after = dbCounts(file, SLUG);
        console.log(`seeded in ${seedSeconds.toFixed(1)} s; confirmed_count = ${fmt(after.confirmedCount)}`);
        // Let the micro-cache expire so the page shows the seeded count.
        await new Promise((resolve) => setTimeout(resolve, 5_500));
        const samples = await pageRounds(app, settings, "micro-cache on, the default");
        const page = pageVerdict(samples);
        console.log(page.line);
        allPass &&= page.pass;
        verdicts.push(
          `letter page, cache on:  ${fmt(page.ratio, 3)} × ${BASELINE} → ${page.pass ? "PASS" : "FAIL"} (bar: ≥ ${BAR.pageRatio})`,
        );
        return 0;
      },
    );
    if (code !== 0 || isInterrupted()) return code;

    // Cache off: the same database, a new app process.
    process.env.PAGE_CACHE_TTL_MS = "0";
    await withApp(
      () => startApp({ databasePath: file, demoPassword }),
      async (app) => {
        const samples = await pageRounds(app, settings, "PAGE_CACHE_TTL_MS=0");
        const page = pageVerdict(samples);
        console.log(page.line);
        verdicts.push(
          `letter page, cache off: ${fmt(page.ratio, 3)} × ${BASELINE} → ${page.pass ? "PASS" : "FAIL"} ` +
            `(bar: ≥ ${BAR.pageRatio}; informative, the bar is judged with the default cache)`,
        );
        return 0;
      },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log("\n— summary —");
  console.log(`NOTE: rate limits lifted through configuration (RATE_LIMIT_MULTIPLIER=${RATE_LIMIT_MULTIPLIER}).`);
  for (const line of verdicts) console.log(line);
  console.log(allPass ? "PASS" : "FAIL");
  return allPass ? 0 : 1;
}

exitWith(main());
