/**
 * `npm run bench`: HTTP throughput and latency of a few routes of the built app, relative to the
 * app's own empty route (/ping) measured in the same round. See bench/README.md.
 *
 *   npm run bench -- --duration 10 --connections 10 --rounds 3 --routes=/ping,/healthz,/
 */
import { parseArgs } from "node:util";
import {
  BASELINE,
  exitWith,
  isInterrupted,
  measure,
  parseRoutes,
  positive,
  withApp,
  type LoadSettings,
} from "./measure";
import { failed, machineInfo, roundTable, summaryTable } from "./report";
import { buildIfStale, login, startApp } from "./server";

const DEFAULT_ROUTES = ["/ping", "/healthz", "/", "/account=staff@example.org"];

const USAGE = `Usage: npm run bench -- [options]
  --duration <s>      measured seconds per route and round (default 10)
  --warmup <s>        warm-up seconds before each measured run (default 2, 0 = none)
  --connections <n>   concurrent connections (default 10)
  --rounds <n>        rounds over all routes (default 3)
  --routes=<list>     comma-separated paths; PATH=EMAIL requests PATH signed in as EMAIL
                      (default ${DEFAULT_ROUTES.join(",")}); ${BASELINE} is always added
  --compressed        ask for compressed answers (Accept-Encoding: gzip, br), as browsers do
  --help`;

function parseSettings(argv: string[]): LoadSettings | undefined {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      connections: { type: "string", default: "10" },
      rounds: { type: "string", default: "3" },
      routes: { type: "string" },
      compressed: { type: "boolean", default: false },
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
  return {
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    routes: parseRoutes(specs),
    headers: values.compressed ? { "accept-encoding": "gzip, br" } : {},
  };
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
  return withApp(startApp, async (app) => {
    console.log(`app:      pid ${app.pid} on ${app.baseUrl} (throwaway SQLite database)\n`);
    const cookies = new Map<string, string>();
    for (const email of new Set(settings.routes.map((r) => r.email))) {
      if (email) cookies.set(email, await login(app, email));
    }
    const samples = await measure(app, settings, cookies, (round, results) =>
      console.log(`\nRound ${round}\n${roundTable(results, BASELINE)}\n`),
    );
    if (isInterrupted()) return 130;

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
  });
}

exitWith(main());
