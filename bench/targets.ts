/**
 * `npm run bench:targets`: the yearly targets page's bar. Seeds a throwaway database (reference
 * data, the demo seed, then bench/targets-seed.ts: 2,000 threats, 20,000 advocacy actions, 500
 * events, one target per metric for this year and last year), starts the built app on it and
 * measures the targets page and API against the empty route (/ping) in interleaved rounds: first
 * with the anonymous page micro-cache on (the default), then in a second app process with
 * PAGE_CACHE_TTL_MS=0, so that every request computes every target. Bar for `/targets?year=<this
 * year>`: at least half of /ping's req/s in the same round (median over rounds), p99 under 150 ms.
 *
 *   npm run bench:targets -- --duration 5 --warmup 1 --rounds 2
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../demo/demo";
import { seedReferenceData } from "../db/seeds/reference";
import {
  BASELINE,
  exitWith,
  isInterrupted,
  measure,
  positive,
  withApp,
  type LoadSettings,
  type Route,
} from "./measure";
import { failed, machineInfo, median, table, type Sample } from "./report";
import { buildIfStale, startApp, type AppProcess } from "./server";
import { seedTargetBench } from "./targets-seed";

const YEAR = new Date().getUTCFullYear();
const JUDGED = `/targets?year=${YEAR}`;
const ROUTES = [BASELINE, JUDGED, `/targets?year=${YEAR - 1}`, `/api/v1/targets?year=${YEAR}`];
const BAR = { minRatio: 0.5, maxP99Ms: 150 };

const USAGE = `Usage: npm run bench:targets -- [options]
  --threats <n>       threats in total (default 2000)
  --actions <n>       advocacy actions in total (default 20000)
  --events <n>        events in total (default 500)
  --duration <s>      measured seconds per route and round (default 10)
  --warmup <s>        warm-up seconds before each measured run (default 2, 0 = none)
  --connections <n>   concurrent connections (default 16)
  --rounds <n>        rounds over all routes, per cache setting (default 3)
  --keep-db           keep the seeded database file and print its path
  --help`;

interface Settings extends LoadSettings {
  threats: number;
  actions: number;
  events: number;
  keepDb: boolean;
}

function parseSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      threats: { type: "string", default: "2000" },
      actions: { type: "string", default: "20000" },
      events: { type: "string", default: "500" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "16" },
      rounds: { type: "string", default: "3" },
      "keep-db": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  const routes: Route[] = ROUTES.map((p) => ({ path: p, email: undefined, label: p }));
  return {
    threats: Math.round(positive("threats", values.threats)),
    actions: Math.round(positive("actions", values.actions)),
    events: Math.round(positive("events", values.events)),
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    routes,
    keepDb: values["keep-db"],
  };
}

async function prepareDatabase(file: string, settings: Settings, demoPassword: string) {
  const started = performance.now();
  const handle = openDatabase({ DATABASE_PATH: file });
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
    const totals = await seedTargetBench(handle.db, settings, YEAR);
    const targets = await handle.db
      .selectFrom("targets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("year", "=", YEAR)
      .executeTakeFirstOrThrow();
    console.log(
      `data:     ${totals.threats.toLocaleString("en-US")} threats, ${totals.actions.toLocaleString("en-US")} advocacy actions, ` +
        `${totals.events.toLocaleString("en-US")} events, ${Number(targets.n)} targets in ${YEAR}; ` +
        `database ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await handle.db.destroy();
  }
}

async function probe(app: AppProcess, settings: Settings) {
  for (const route of settings.routes) {
    const res = await fetch(app.baseUrl + route.path, { redirect: "manual", signal: AbortSignal.timeout(20_000) });
    const body = await res.text();
    const shown = (body.match(/class="card stack target-card"/g) ?? []).length;
    console.log(
      `probe:    ${route.label} → HTTP ${res.status}, ${body.length.toLocaleString("en-US")} bytes` +
        (route.path.startsWith("/targets") ? `, ${shown} targets rendered` : ""),
    );
  }
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function summarise(samples: Sample[], route: string) {
  const mine = samples.filter((s) => s.route === route);
  const ratios = mine.map((s) => s.ratio).filter((r): r is number => r !== undefined);
  const rps = mine.map((s) => s.okRps);
  return {
    rps: median(rps),
    min: Math.min(...rps),
    max: Math.max(...rps),
    ratio: ratios.length ? median(ratios) : Number.NaN,
    p50: median(mine.map((s) => s.p50)),
    p99: median(mine.map((s) => s.p99)),
    failed: mine.some(failed),
  };
}

function verdict(samples: Sample[], route: string): string {
  if (route === BASELINE) return "baseline";
  const s = summarise(samples, route);
  const why: string[] = [];
  if (s.failed) why.push("non-2xx/errors");
  if (!(s.ratio >= BAR.minRatio)) why.push(`ratio < ${BAR.minRatio}`);
  if (!(s.p99 < BAR.maxP99Ms)) why.push(`p99 ≥ ${BAR.maxP99Ms} ms`);
  return why.length ? `FAIL (${why.join(", ")})` : "PASS";
}

function summaryTable(samples: Sample[]): string {
  const rows = ROUTES.map((route) => {
    const s = summarise(samples, route);
    return [
      (s.failed ? "! " : "  ") + route,
      fmt(s.rps),
      `${fmt(s.min)}–${fmt(s.max)}`,
      fmt(s.ratio, 3),
      fmt(s.p50, 1),
      fmt(s.p99, 1),
      route === JUDGED ? verdict(samples, route) : `${verdict(samples, route)} (informative)`,
    ];
  });
  return table(["route", "req/s (2xx)", "min–max", `× ${BASELINE}`, "p50 ms", "p99 ms", "bar"], rows);
}

async function pass(label: string, settings: Settings, databasePath: string, demoPassword: string) {
  console.log(`\n— ${label} —`);
  let result: Sample[] = [];
  const code = await withApp(
    () => startApp({ databasePath, demoPassword }),
    async (app) => {
      await probe(app, settings);
      result = await measure(app, settings, new Map(), (round, samples) =>
        console.log(
          `round ${round}: ${samples.map((s) => `${s.route} ${fmt(s.okRps)} req/s (${fmt(s.ratio, 3)}×, p99 ${fmt(s.p99, 1)} ms)`).join("; ")}`,
        ),
      );
      return isInterrupted() ? 130 : 0;
    },
  );
  console.log(
    `\n${label}: medians over ${settings.rounds} round(s), ${settings.connections} connections\n${summaryTable(result)}`,
  );
  return { code, samples: result };
}

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2));
  if (!settings) {
    console.log(USAGE);
    return 0;
  }
  console.log(machineInfo());
  console.log(
    `bar:      ${JUDGED} ≥ ${BAR.minRatio} × ${BASELINE} req/s (median of per-round ratios), p99 < ${BAR.maxP99Ms} ms, no non-2xx`,
  );
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-targets-"));
  const databasePath = path.join(dir, "bench.db");
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  const verdicts: string[] = [];
  try {
    await prepareDatabase(databasePath, settings, demoPassword);
    delete process.env.PAGE_CACHE_TTL_MS;
    const cached = await pass("micro-cache on (PAGE_CACHE_TTL_MS default 5000)", settings, databasePath, demoPassword);
    if (cached.code !== 0) return cached.code;
    verdicts.push(`cache on:  ${JUDGED} ${verdictLine(cached.samples)}`);
    process.env.PAGE_CACHE_TTL_MS = "0";
    const uncached = await pass("micro-cache off (PAGE_CACHE_TTL_MS=0)", settings, databasePath, demoPassword);
    if (uncached.code !== 0) return uncached.code;
    verdicts.push(`cache off: ${JUDGED} ${verdictLine(uncached.samples)}`);
    console.log(`\n— summary —\n${verdicts.join("\n")}`);
    return verdicts.every((v) => v.endsWith("PASS")) ? 0 : 1;
  } finally {
    if (settings.keepDb) console.log(`database kept: ${databasePath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

function verdictLine(samples: Sample[]): string {
  const s = summarise(samples, JUDGED);
  return `${fmt(s.rps)} req/s, ${fmt(s.ratio, 3)} × ${BASELINE} (${fmt(summarise(samples, BASELINE).rps)} req/s), p99 ${fmt(s.p99, 1)} ms → ${verdict(samples, JUDGED)}`;
}

exitWith(main());
