/**
 * `npx tsx bench/threats.ts`: the threat tracker's bar (issue 3). Seeds a throwaway database with
 * 5,000 threats and 50,000 actions (bench/threats-seed.ts) on top of the reference data and the
 * demo seed, starts the built app on it, and measures the public threat routes at 16 connections
 * against the app's empty route (/ping) in interleaved rounds. Bar per route: req/s at least half
 * of /ping's in the same round (median over rounds) and p99 under 100 ms. See bench/README.md.
 *
 *   npx tsx bench/threats.ts --duration 5 --warmup 1 --rounds 2
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
import { seedBulkThreats } from "./threats-seed";

const DEFAULT_ROUTES = [
  "/ping",
  "/threats",
  "/threats?category=encryption&outcome=open",
  "/threats?q=encryption",
  "/countries/US",
  "/api/v1/threats",
  "/api/v1/threats?jurisdiction=US&per_page=100",
];
const BAR = { minRatio: 0.5, maxP99Ms: 100 };

const USAGE = `Usage: npx tsx bench/threats.ts [options]
  --threats <n>       threats in the database, demo ones included (default 5000)
  --actions <n>       threat actions in the database (default 50000)
  --duration <s>      measured seconds per route and round (default 10)
  --warmup <s>        warm-up seconds before each measured run (default 2, 0 = none)
  --connections <n>   concurrent connections (default 16)
  --rounds <n>        rounds over all routes (default 3)
  --routes=<list>     comma-separated paths (default: the threat routes); ${BASELINE} is always added
  --keep-db           keep the seeded database file and print its path
  --help`;

interface Settings extends LoadSettings {
  threats: number;
  actions: number;
  keepDb: boolean;
}

function parseSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      threats: { type: "string", default: "5000" },
      actions: { type: "string", default: "50000" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "16" },
      rounds: { type: "string", default: "3" },
      routes: { type: "string" },
      "keep-db": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  const specs = values.routes ? values.routes.split(",").map((s) => s.trim()) : DEFAULT_ROUTES;
  return {
    threats: Math.round(positive("threats", values.threats)),
    actions: Math.round(positive("actions", values.actions)),
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    routes: publicRoutes(specs.filter(Boolean)),
    keepDb: values["keep-db"],
  };
}

/** Anonymous routes, baseline first; no PATH=EMAIL form here, since "=" belongs to query strings. */
function publicRoutes(paths: string[]): Route[] {
  return [...new Set([BASELINE, ...paths])].map((p) => {
    if (!p.startsWith("/")) throw new Error(`route "${p}" must start with "/"`);
    return { path: p, email: undefined, label: p };
  });
}

async function count(db: ReturnType<typeof openDatabase>["db"], table: "threats" | "threat_actions") {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Migrates and seeds `file`: reference data, the demo seed, then bulk threats up to the totals. */
async function prepareDatabase(file: string, settings: Settings, demoPassword: string) {
  const started = performance.now();
  const handle = openDatabase({ DATABASE_PATH: file });
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
    const [threats, actions] = [await count(handle.db, "threats"), await count(handle.db, "threat_actions")];
    const bulkStarted = performance.now();
    const wanted = {
      threats: Math.max(1, settings.threats - threats),
      actions: Math.max(1, settings.actions - actions),
    };
    await seedBulkThreats(handle.db, wanted);
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    const totals = { threats: await count(handle.db, "threats"), actions: await count(handle.db, "threat_actions") };
    const us = await handle.db
      .selectFrom("threats")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("jurisdiction_code", "=", "US")
      .executeTakeFirstOrThrow();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `data:     ${totals.threats.toLocaleString("en-US")} threats (${Number(us.n)} US), ` +
        `${totals.actions.toLocaleString("en-US")} actions; bulk insert ${bulkSeconds.toFixed(1)} s, ` +
        `database ready in ${seconds.toFixed(1)} s (migrations, reference data, demo seed included)`,
    );
  } finally {
    await handle.db.destroy();
  }
}

/** One request per route before the load, so a missing route is named, not only counted. */
async function probe(app: AppProcess, settings: Settings) {
  for (const route of settings.routes) {
    try {
      const res = await fetch(app.baseUrl + route.path, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      const bytes = (await res.arrayBuffer()).byteLength;
      const note =
        res.status === 404
          ? "  (missing route: it will fail the bar)"
          : res.ok
            ? ""
            : "  (not 2xx: it will fail the bar)";
      console.log(`probe:    ${route.label} → HTTP ${res.status}, ${bytes.toLocaleString("en-US")} bytes${note}`);
    } catch (error) {
      console.log(`probe:    ${route.label} → ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log("");
}

const fmt = (value: number | undefined, digits = 0) =>
  value === undefined || Number.isNaN(value)
    ? "–"
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** PASS or FAIL (with why) for a route's samples; the baseline itself is not judged. */
function verdict(route: string, samples: Sample[]): string {
  if (route === BASELINE) return "baseline";
  const ratios = samples.map((s) => s.ratio).filter((r): r is number => r !== undefined);
  const ratio = ratios.length ? median(ratios) : Number.NaN;
  const p99 = median(samples.map((s) => s.p99));
  const why: string[] = [];
  if (samples.some(failed)) why.push("non-2xx/errors");
  if (!(ratio >= BAR.minRatio)) why.push(`ratio < ${BAR.minRatio}`);
  if (!(p99 < BAR.maxP99Ms)) why.push(`p99 ≥ ${BAR.maxP99Ms} ms`);
  return why.length ? `FAIL (${why.join(", ")})` : "PASS";
}

function barTable(samples: Sample[], routes: string[], withStatuses: boolean): string {
  const header = ["route", "req/s (2xx)", `× ${BASELINE}`, "p50 ms", "p99 ms", "non-2xx", "errors"];
  if (withStatuses) header.push("statuses");
  header.push("bar");
  const rows = routes.map((route) => {
    const mine = samples.filter((s) => s.route === route);
    const ratios = mine.map((s) => s.ratio).filter((r): r is number => r !== undefined);
    const row = [
      (mine.some(failed) ? "! " : "  ") + route,
      fmt(median(mine.map((s) => s.okRps))),
      fmt(ratios.length ? median(ratios) : undefined, 3),
      fmt(median(mine.map((s) => s.p50)), 1),
      fmt(median(mine.map((s) => s.p99)), 1),
      fmt(mine.reduce((sum, s) => sum + s.non2xx, 0)),
      fmt(mine.reduce((sum, s) => sum + s.errors, 0)),
    ];
    if (withStatuses) row.push([...new Set(mine.map((s) => s.statusCodes))].join(" "));
    row.push(verdict(route, mine));
    return row;
  });
  return table(header, rows);
}

async function main(): Promise<number> {
  const settings = parseSettings(process.argv.slice(2));
  if (!settings) {
    console.log(USAGE);
    return 0;
  }
  console.log(machineInfo());
  const perRound = settings.routes.length * (settings.warmup + settings.duration);
  console.log(
    `routes:   ${settings.routes.map((r) => r.label).join(", ")}\n` +
      `load:     ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s measured per route, ` +
      `${settings.rounds} round(s), about ${Math.ceil((perRound * settings.rounds) / 60)} min\n` +
      `bar:      ≥ ${BAR.minRatio} × ${BASELINE} req/s (median of per-round ratios) and p99 < ${BAR.maxP99Ms} ms (median over rounds), no non-2xx\n` +
      `mode:     as npm start (optimised React and Remix builds)\n`,
  );

  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-threats-"));
  const databasePath = path.join(dir, "bench.db");
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  try {
    await prepareDatabase(databasePath, settings, demoPassword);
    return await withApp(
      () => startApp({ databasePath, demoPassword }),
      async (app) => {
        console.log(`app:      pid ${app.pid} on ${app.baseUrl}\n`);
        await probe(app, settings);
        const labels = settings.routes.map((r) => r.label);
        const samples = await measure(app, settings, new Map(), (round, results) =>
          console.log(`\nRound ${round}\n${barTable(results, labels, true)}\n`),
        );
        if (isInterrupted()) return 130;
        console.log(
          `Summary over ${settings.rounds} round(s), ${settings.connections} connections: medians; ` +
            `× ${BASELINE} = median of the per-round ratios\n${barTable(samples, labels, false)}`,
        );
        const failing = labels.filter((label) =>
          verdict(
            label,
            samples.filter((s) => s.route === label),
          ).startsWith("FAIL"),
        );
        if (failing.length) console.log(`\n${failing.length} route(s) below the bar: ${failing.join(", ")}`);
        else console.log("\nEvery route meets the bar.");
        return failing.length ? 1 : 0;
      },
    );
  } finally {
    if (settings.keepDb) console.log(`database kept: ${databasePath}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

exitWith(main());
