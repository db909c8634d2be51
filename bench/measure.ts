/**
 * The measuring loop shared by the benchmarks (bench/run.ts, bench/threats.ts): autocannon runs
 * in interleaved rounds against a started app, Ctrl-C handling, and the common CLI helpers.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { failed, type Sample } from "./report";
import type { AppProcess } from "./server";

/** The app's empty route: every ratio is a route's req/s over this one's in the same round. */
export const BASELINE = "/ping";

export interface Route {
  path: string;
  email: string | undefined;
  label: string;
}

export interface LoadSettings {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  routes: Route[];
  /** Request headers besides the cookie, e.g. a browser's Accept-Encoding. */
  headers?: Record<string, string>;
}

/** CPU time (user + system) the process has used so far, in ms, from /proc; undefined elsewhere. */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** Linux reports CPU time in clock ticks; 100 per second on every usual kernel. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new Error(`--${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}"`);
  return value;
}

/** `PATH` or `PATH=EMAIL` (requested signed in as EMAIL). */
export function parseRoute(spec: string): Route {
  const [path, email] = spec.split("=", 2).map((part) => part.trim());
  if (!path.startsWith("/")) throw new Error(`route "${spec}" must start with "/"`);
  return { path, email: email || undefined, label: email ? `${path} (${email})` : path };
}

/** Parses route specs, puts the baseline first if missing and drops duplicates. */
export function parseRoutes(specs: string[]): Route[] {
  const routes = specs.map(parseRoute);
  if (!routes.some((r) => r.path === BASELINE && !r.email)) routes.unshift(parseRoute(BASELINE));
  const labels = new Set(routes.map((r) => r.label));
  return routes.filter((r) => labels.delete(r.label));
}

let current: autocannon.Instance | undefined;
let interrupted = false;

/** True once Ctrl-C (or SIGTERM) asked the benchmark to stop. */
export function isInterrupted(): boolean {
  return interrupted;
}

async function cannon(
  url: string,
  seconds: number,
  connections: number,
  cookie: string | undefined,
  headers: Record<string, string> = {},
) {
  const instance = autocannon({
    url,
    duration: seconds,
    connections,
    headers: cookie ? { ...headers, cookie } : headers,
  });
  current = instance;
  try {
    return await instance;
  } finally {
    current = undefined;
  }
}

function labelIndex(settings: LoadSettings, label: string): number {
  return settings.routes.findIndex((r) => r.label === label);
}

/**
 * For each round, for each route (in an order rotated each round): a warm-up run, then a measured
 * run. `onRound` gets the round's samples, ratios to the baseline filled in, in configured order.
 */
export async function measure(
  app: AppProcess,
  settings: LoadSettings,
  cookies: Map<string, string>,
  onRound: (round: number, results: Sample[]) => void,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const n = settings.routes.length;
  for (let round = 1; round <= settings.rounds && !interrupted; round++) {
    // Rotate the order each round so no route always runs first (or right after a heavy one).
    const order = settings.routes.map((_, i) => settings.routes[(i + round - 1) % n]);
    const results: Sample[] = [];
    for (const route of order) {
      if (interrupted) break;
      const url = app.baseUrl + route.path;
      const cookie = route.email ? cookies.get(route.email) : undefined;
      process.stdout.write(`round ${round}/${settings.rounds}: ${route.label} … `);
      if (settings.warmup > 0) await cannon(url, settings.warmup, settings.connections, cookie, settings.headers);
      const cpuBefore = processCpuMs(app.pid);
      const r = await cannon(url, settings.duration, settings.connections, cookie, settings.headers);
      const cpuAfter = processCpuMs(app.pid);
      // A dead app makes every later run fail with connection errors: stop and say why.
      // (After Ctrl-C the app got the signal too: that is no crash.)
      const crash = interrupted ? undefined : app.crashReport();
      if (crash) throw new Error(`\n${crash}`);
      const seconds = r.duration || settings.duration;
      const sample: Sample = {
        round,
        route: route.label,
        okRps: r["2xx"] / seconds,
        allRps: (r["2xx"] + r.non2xx) / seconds,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors,
        timeouts: r.timeouts,
        statusCodes: Object.keys(r.statusCodeStats).sort().join(",") || "none",
        ratio: undefined,
        cpuMsPerRequest:
          cpuBefore !== undefined && cpuAfter !== undefined && r["2xx"] + r.non2xx > 0
            ? (cpuAfter - cpuBefore) / (r["2xx"] + r.non2xx)
            : undefined,
      };
      process.stdout.write(`${Math.round(sample.okRps)} req/s${failed(sample) ? "  (FAILURES)" : ""}\n`);
      results.push(sample);
    }
    const base = results.find((s) => s.route === BASELINE);
    for (const s of results) s.ratio = base && base.okRps > 0 ? s.okRps / base.okRps : undefined;
    // Report in the configured order, whatever order they ran in.
    results.sort((a, b) => labelIndex(settings, a.route) - labelIndex(settings, b.route));
    onRound(round, results);
    samples.push(...results);
  }
  return samples;
}

/**
 * Runs `body` with a started app and stops the app afterwards, also on an error or Ctrl-C (the
 * first Ctrl-C stops the load, the second exits at once; 'exit' still kills the app). Returns
 * `body`'s exit code, or 130 when interrupted.
 */
export async function withApp(start: () => Promise<AppProcess>, body: (app: AppProcess) => Promise<number>) {
  let app: AppProcess | undefined;
  const onExit = () => app?.killNow();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping the load and the app…`);
    current?.stop();
  };
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    app = await start();
    const code = await body(app);
    return interrupted ? 130 : code;
  } finally {
    await app?.stop();
    process.off("exit", onExit);
  }
}

/** The entry point's tail: exit with the code, or print the error and exit with 1. */
export function exitWith(main: Promise<number>): void {
  main.then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
