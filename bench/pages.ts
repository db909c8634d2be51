/**
 * `npm run bench:pages`: every page of the app, uncached and signed in (staff; the admin pages as
 * an admin), against the app's empty route (/ping) in interleaved rounds, with the app's CPU time
 * per request from its own process counters. Requests ask for gzip and brotli as a browser does,
 * so compression is part of each page's cost. Bar: every page at least 0.35 × /ping's req/s (median
 * of per-round ratios), /ping at most 1.2 ms of CPU per request, /events and /threats/map at least
 * 0.5 × /ping. See bench/README.md.
 *
 *   npm run bench:pages -- --duration 3 --warmup 1 --rounds 1 --only=/threats,/events
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { seedReferenceData } from "../db/seeds/reference";
import { seedDemo } from "../demo/demo";
import { BASELINE, exitWith, isInterrupted, measure, positive, withApp, type Route } from "./measure";
import { failed, machineInfo, median, table, type Sample } from "./report";
import { buildIfStale, login, startApp } from "./server";

const BAR = { everyPage: 0.35, mapPages: 0.5, pingCpuMs: 1.2 };
const MAP_PAGES = new Set(["/events", "/threats/map"]);
const STAFF = "staff@example.org";
const ADMIN = "admin@example.org";
/** The chapter pages are a chapter person's: staff are sent elsewhere. */
const LEAD = "lead@example.org";

const USAGE = `Usage: npm run bench:pages -- [options]
  --duration <s>      measured seconds per page and round (default 3)
  --warmup <s>        warm-up seconds before each measured run (default 1, 0 = none)
  --connections <n>   concurrent connections (default 8)
  --rounds <n>        rounds over all pages (default 1; 3 for figures worth quoting)
  --only=<list>       comma-separated path prefixes: measure only the pages starting with one
  --cpu-prof <dir>    write the app's V8 CPU profile into <dir> (read it with bench/profile-summary.ts)
  --help`;

type Db = ReturnType<typeof openDatabase>["db"];

/** The first row's column, or a placeholder that answers 404 (and fails the bar by name). */
async function first(db: Db, table: string, column: string, where?: [string, string]): Promise<string> {
  let query = db.selectFrom(table as "threats").select(`${column} as value` as "slug");
  if (where) query = query.where(where[0] as "slug", "=", where[1]);
  const row = (await query.orderBy("id" as "slug").executeTakeFirst()) as { value?: unknown } | undefined;
  return row?.value === undefined ? "missing" : String(row.value);
}

/** Every page a person opens (GET, HTML), with the demo data's first object for each parameter. */
async function pagesOf(db: Db): Promise<Route[]> {
  const threat = await first(db, "threats", "slug");
  const letter = await first(db, "open_letters", "slug");
  const campaign = await first(db, "letter_campaigns", "slug");
  const event = await first(db, "events", "slug");
  const chapter = await first(db, "chapters", "id");
  const member = await first(db, "coalition_members", "id");
  const lawmaker = await first(db, "lawmakers", "id");
  const target = await first(db, "targets", "id");
  const action = await first(db, "advocacy_actions", "id");
  const mail = await first(db, "outbox", "id");
  const user = await first(db, "users", "id", ["email", STAFF]);
  const year = new Date().getUTCFullYear();
  const staff = [
    "/",
    "/threats",
    "/threats/map",
    "/threats/new",
    `/threats/${threat}`,
    `/threats/${threat}/edit`,
    `/threats/${threat}/assessment`,
    "/countries/US",
    "/statements/new",
    "/coalition",
    "/coalition/apply",
    `/coalition/${member}`,
    `/coalition/${member}/edit`,
    "/coalition/import",
    "/chapters",
    "/chapters/new",
    `/chapters/${chapter}`,
    `/chapters/${chapter}/edit`,
    `/chapters/${chapter}/members`,
    "/letters",
    "/letters/new",
    `/letters/${letter}`,
    `/letters/${letter}/edit`,
    `/letters/${letter}/manage`,
    "/campaigns",
    "/campaigns/new",
    `/campaigns/${campaign}`,
    `/campaigns/${campaign}/edit`,
    `/campaigns/${campaign}/manage`,
    "/lawmakers",
    `/lawmakers/${lawmaker}`,
    "/lawmakers/import",
    "/events",
    "/events/new",
    `/events/${event}`,
    `/events/${event}/edit`,
    `/events/${event}/report`,
    `/targets?year=${year}`,
    `/targets/${target}`,
    "/account",
    "/account/follows",
    "/account/two-factor",
    "/staff",
    "/staff/actions",
    "/staff/applications",
    "/staff/audit",
    "/staff/campaigns",
    "/staff/events",
    "/staff/invitations",
    `/staff/letters/${letter}/signatures`,
    "/staff/mail",
    `/staff/mail/${mail}`,
    "/staff/name-changes",
    "/staff/proposals",
    "/staff/targets",
    "/staff/targets/new",
    `/staff/targets/${target}`,
  ];
  if (mail === "missing") staff.splice(staff.indexOf(`/staff/mail/${mail}`), 1);
  const admin = ["/admin/users", `/admin/users/${user}`, "/admin/impact-properties"];
  const lead = ["/threats/propose", "/actions", "/actions/new", `/actions/${action}/edit`];
  return [
    { path: BASELINE, email: undefined, label: BASELINE },
    ...staff.map((p) => ({ path: p, email: STAFF, label: p })),
    ...admin.map((p) => ({ path: p, email: ADMIN, label: `${p} (admin)` })),
    ...lead.map((p) => ({ path: p, email: LEAD, label: `${p} (chapter lead)` })),
  ];
}

async function prepareDatabase(file: string, demoPassword: string): Promise<Route[]> {
  const handle = openDatabase({ DATABASE_PATH: file });
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
    return await pagesOf(handle.db);
  } finally {
    await handle.db.destroy();
  }
}

function judge(route: string, samples: Sample[]): string {
  const mine = samples.filter((s) => s.route === route);
  const reasons: string[] = [];
  if (mine.some(failed)) reasons.push("non-2xx or errors");
  const ratio = median(mine.flatMap((s) => (s.ratio === undefined ? [] : [s.ratio])));
  const cpu = median(mine.flatMap((s) => (s.cpuMsPerRequest === undefined ? [] : [s.cpuMsPerRequest])));
  if (route === BASELINE) {
    if (cpu > BAR.pingCpuMs) reasons.push(`CPU ${cpu.toFixed(2)} ms > ${BAR.pingCpuMs}`);
  } else {
    const floor = MAP_PAGES.has(route) ? BAR.mapPages : BAR.everyPage;
    if (!(ratio >= floor)) reasons.push(`× ${BASELINE} < ${floor}`);
  }
  return reasons.length ? `FAIL: ${reasons.join("; ")}` : "PASS";
}

function summary(samples: Sample[], routes: Route[]): string {
  const rows = routes.map((route) => {
    const mine = samples.filter((s) => s.route === route.label);
    const pick = (f: (s: Sample) => number | undefined) =>
      median(mine.flatMap((s) => (f(s) === undefined ? [] : [f(s) as number])));
    const ratios = mine.flatMap((s) => (s.ratio === undefined ? [] : [s.ratio]));
    return [
      route.label,
      pick((s) => s.okRps).toFixed(0),
      pick((s) => s.cpuMsPerRequest).toFixed(2),
      pick((s) => s.ratio).toFixed(3),
      ratios.length > 1 ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : "–",
      pick((s) => s.p99).toFixed(1),
      judge(route.label, samples),
    ];
  });
  return table(["page", "req/s", "CPU ms/req", `× ${BASELINE}`, "ratio min–max", "p99 ms", "bar"], rows);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      duration: { type: "string", default: "3" },
      warmup: { type: "string", default: "1" },
      connections: { type: "string", default: "8" },
      rounds: { type: "string", default: "1" },
      only: { type: "string" },
      "cpu-prof": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const duration = positive("duration", values.duration);
  const warmup = positive("warmup", values.warmup, true);
  const connections = Math.round(positive("connections", values.connections));
  const rounds = Math.round(positive("rounds", values.rounds));
  const only = values.only
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

  console.log(machineInfo());
  buildIfStale();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-pages-"));
  const databasePath = path.join(tempDir, "bench.db");
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  try {
    const all = await prepareDatabase(databasePath, demoPassword);
    const routes = only ? all.filter((r) => r.path === BASELINE || only.some((p) => r.path.startsWith(p))) : all;
    console.log(
      `pages:    ${routes.length - 1} and ${BASELINE}, ${connections} connections, ${warmup} s + ${duration} s each, ` +
        `${rounds} round(s), about ${Math.ceil((routes.length * (warmup + duration) * rounds) / 60)} min\n` +
        `mode:     page cache off (PAGE_CACHE_TTL_MS=0), Accept-Encoding: gzip, br\n`,
    );
    process.env.PAGE_CACHE_TTL_MS = "0";
    const nodeArgs = values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : [];
    return await withApp(
      () => startApp({ databasePath, demoPassword, nodeArgs }),
      async (app) => {
        const cookies = new Map<string, string>([
          [STAFF, await login(app, STAFF)],
          [ADMIN, await login(app, ADMIN)],
          [LEAD, await login(app, LEAD)],
        ]);
        // A page that is missing or refused is named up front; it is measured anyway and fails the bar.
        for (const route of routes) {
          const cookie = route.email ? cookies.get(route.email) : undefined;
          const res = await fetch(app.baseUrl + route.path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
          await res.arrayBuffer();
          if (res.status !== 200) console.log(`! ${route.label}: HTTP ${res.status}`);
        }
        const settings = {
          duration,
          warmup,
          connections,
          rounds,
          routes,
          headers: { "accept-encoding": "gzip, br", accept: "text/html" },
        };
        const samples = await measure(app, settings, cookies, () => undefined);
        if (isInterrupted()) return 130;
        console.log(`\nMedians over ${rounds} round(s); × ${BASELINE} = median of the per-round ratios\n`);
        console.log(summary(samples, routes));
        const failures = routes.filter((r) => judge(r.label, samples) !== "PASS");
        console.log(`\n${routes.length - failures.length} of ${routes.length} pass the bar.`);
        return failures.length ? 1 : 0;
      },
    );
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

exitWith(main());
