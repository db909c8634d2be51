/**
 * `npm run bench`: HTTP throughput and latency of a few routes of the built app, relative to the
 * app's own empty route (/ping) measured in the same round. See bench/README.md.
 *
 *   npm run bench -- --duration 10 --connections 10 --rounds 3 --routes=/ping,/healthz,/
 */
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { failed, machineInfo, roundTable, summaryTable, type Sample } from "./report";
import { buildIfStale, login, startApp, type AppProcess } from "./server";

const BASELINE = "/ping";
const DEFAULT_ROUTES = ["/ping", "/healthz", "/", "/account=staff@example.org"];

const USAGE = `Usage: npm run bench -- [options]
  --duration <s>      measured seconds per route and round (default 10)
  --warmup <s>        warm-up seconds before each measured run (default 2, 0 = none)
  --connections <n>   concurrent connections (default 10)
  --rounds <n>        rounds over all routes (default 3)
  --routes=<list>     comma-separated paths; PATH=EMAIL requests PATH signed in as EMAIL
                      (default ${DEFAULT_ROUTES.join(",")}); ${BASELINE} is always added
  --help`;

interface Route {
  path: string;
  email: string | undefined;
  label: string;
}

interface Settings {
  duration: number;
  warmup: number;
  connections: number;
  rounds: number;
  routes: Route[];
}

function positive(name: string, raw: string, allowZero = false): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new Error(`--${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}"`);
  return value;
}

function parseRoute(spec: string): Route {
  const [path, email] = spec.split("=", 2).map((part) => part.trim());
  if (!path.startsWith("/")) throw new Error(`route "${spec}" must start with "/"`);
  return { path, email: email || undefined, label: email ? `${path} (${email})` : path };
}

function parseSettings(argv: string[]): Settings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "10" },
      rounds: { type: "string", default: "3" },
      routes: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return undefined;
  const specs = values.routes
    ? values.routes
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : DEFAULT_ROUTES;
  const routes = specs.map(parseRoute);
  if (!routes.some((r) => r.path === BASELINE && !r.email)) routes.unshift(parseRoute(BASELINE));
  const labels = new Set(routes.map((r) => r.label));
  return {
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    routes: routes.filter((r) => labels.delete(r.label)), // drop duplicates
  };
}

let current: autocannon.Instance | undefined;
let interrupted = false;

async function cannon(url: string, seconds: number, connections: number, cookie: string | undefined) {
  const instance = autocannon({
    url,
    duration: seconds,
    connections,
    headers: cookie ? { cookie } : {},
  });
  current = instance;
  try {
    return await instance;
  } finally {
    current = undefined;
  }
}

async function measure(app: AppProcess, settings: Settings, cookies: Map<string, string>): Promise<Sample[]> {
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
      if (settings.warmup > 0) await cannon(url, settings.warmup, settings.connections, cookie);
      const r = await cannon(url, settings.duration, settings.connections, cookie);
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
      };
      process.stdout.write(`${Math.round(sample.okRps)} req/s${failed(sample) ? "  (FAILURES)" : ""}\n`);
      results.push(sample);
    }
    const base = results.find((s) => s.route === BASELINE);
    for (const s of results) s.ratio = base && base.okRps > 0 ? s.okRps / base.okRps : undefined;
    // Print in the configured order, whatever order they ran in.
    results.sort((a, b) => labelIndex(settings, a.route) - labelIndex(settings, b.route));
    console.log(`\nRound ${round}\n${roundTable(results, BASELINE)}\n`);
    samples.push(...results);
  }
  return samples;
}

function labelIndex(settings: Settings, label: string): number {
  return settings.routes.findIndex((r) => r.label === label);
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
      `mode:     as npm start (optimised React and Remix builds, demo data)\n`,
  );

  buildIfStale();
  let app: AppProcess | undefined;
  const onExit = () => app?.killNow();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) process.exit(130); // second Ctrl-C: give up at once ('exit' still kills the app)
    interrupted = true;
    console.error(`\n${signal}: stopping the load and the app…`);
    current?.stop();
  };
  process.on("exit", onExit);
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    app = await startApp();
    console.log(`app:      pid ${app.pid} on ${app.baseUrl} (throwaway SQLite database)\n`);
    const cookies = new Map<string, string>();
    for (const email of new Set(settings.routes.map((r) => r.email))) {
      if (email) cookies.set(email, await login(app, email));
    }
    const samples = await measure(app, settings, cookies);
    if (interrupted) return 130;

    console.log(
      `Summary over ${settings.rounds} round(s): medians; × ${BASELINE} = median of the per-round ratios ` +
        `to ${BASELINE}; spread = half the min–max range of req/s, as % of the median\n` +
        summaryTable(
          samples,
          settings.routes.map((r) => r.label),
          BASELINE,
        ),
    );
    const bad = samples.filter(failed);
    if (bad.length) {
      console.log(
        `\n! ${bad.length} measured run(s) had non-2xx responses, errors, timeouts or no response at all; ` +
          "req/s counts 2xx only.",
      );
      return 1;
    }
    return 0;
  } finally {
    await app?.stop();
    process.off("exit", onExit);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
