/**
 * `npm run bench:growth`: does a public page's cost grow with the data? Two apps side by side in
 * one run, each on its own throwaway database: the demo data, and the demo data plus the volumes
 * of the other benchmarks (5,000 threats with 50,000 actions, as bench/threats.ts; 100,000
 * confirmed signatures on one open letter, as bench/sign.ts). Each public page is requested
 * anonymously with the page cache off, and the app's CPU time per request is compared.
 * Bar: every page at most 1.5 × its cost on the demo data. See bench/README.md.
 *
 *   npm run bench:growth -- --duration 3 --warmup 1
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
import { machineInfo, median, table, type Sample } from "./report";
import { buildIfStale, startApp, type AppProcess } from "./server";
import { seedConfirmed } from "./signatures-seed";
import { seedBulkThreats } from "./threats-seed";

const MAX_GROWTH = 1.5;
const VOLUME = { threats: 5_000, actions: 50_000, signatures: 100_000 };

interface Prepared {
  file: string;
  letter: { id: number; slug: string };
  threat: string;
}

async function prepare(file: string, demoPassword: string, large: boolean): Promise<Prepared> {
  const handle = openDatabase({ DATABASE_PATH: file });
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
    if (large) await seedBulkThreats(handle.db, { threats: VOLUME.threats, actions: VOLUME.actions });
    const letter = await handle.db
      .selectFrom("open_letters")
      .select(["id", "slug"])
      .where("status", "=", "open")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const threat = await handle.db.selectFrom("threats").select("slug").orderBy("id").executeTakeFirstOrThrow();
    return { file, letter, threat: threat.slug };
  } finally {
    await handle.db.destroy();
  }
}

function pages(prepared: Prepared): Route[] {
  const paths = [
    BASELINE,
    "/",
    "/threats",
    "/threats?q=encryption",
    "/threats/map",
    `/threats/${prepared.threat}`,
    "/countries/US",
    "/coalition",
    "/chapters",
    "/letters",
    `/letters/${prepared.letter.slug}`,
    "/campaigns",
    "/events",
    "/targets",
    "/api/v1/threats",
    "/feeds/threats.atom",
  ];
  return paths.map((p) => ({ path: p, email: undefined, label: p }));
}

const cpu = (samples: Sample[], route: string) =>
  median(
    samples
      .filter((s) => s.route === route)
      .flatMap((s) => (s.cpuMsPerRequest === undefined ? [] : [s.cpuMsPerRequest])),
  );

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      duration: { type: "string", default: "3" },
      warmup: { type: "string", default: "1" },
      connections: { type: "string", default: "8" },
      rounds: { type: "string", default: "1" },
    },
  });
  const load = {
    duration: positive("duration", values.duration),
    warmup: positive("warmup", values.warmup, true),
    connections: Math.round(positive("connections", values.connections)),
    rounds: Math.round(positive("rounds", values.rounds)),
    headers: { "accept-encoding": "gzip, br" },
  };
  console.log(machineInfo());
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-growth-"));
  const demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`;
  try {
    const small = await prepare(path.join(dir, "demo.db"), demoPassword, false);
    const large = await prepare(path.join(dir, "large.db"), demoPassword, true);
    console.log(`seeding ${VOLUME.signatures} signatures…`);
    seedConfirmed(large.file, large.letter.id, VOLUME.signatures);
    const routes = pages(small);
    process.env.PAGE_CACHE_TTL_MS = "0";
    const start = (file: string) => () => startApp({ databasePath: file, demoPassword });
    const results: Record<"demo" | "large", Sample[]> = { demo: [], large: [] };
    const code = await withApp(start(small.file), (demoApp) =>
      withApp(start(large.file), async (largeApp) => {
        for (let round = 1; round <= load.rounds && !isInterrupted(); round++) {
          // Alternate which app goes first, so neither always runs on a warmer or busier machine.
          const order: Array<["demo" | "large", AppProcess]> = [
            ["demo", demoApp],
            ["large", largeApp],
          ];
          if (round % 2 === 0) order.reverse();
          for (const [name, app] of order) {
            results[name].push(...(await measure(app, { ...load, rounds: 1, routes }, new Map(), () => undefined)));
          }
        }
        return 0;
      }),
    );
    if (code !== 0 || isInterrupted()) return code || 130;
    const rows = routes.map((route) => {
      const [demo, big] = [cpu(results.demo, route.label), cpu(results.large, route.label)];
      const growth = big / demo;
      const statuses = [...results.demo, ...results.large].filter((s) => s.route === route.label && s.non2xx > 0);
      const verdict = statuses.length ? "FAIL: non-2xx" : growth <= MAX_GROWTH ? "PASS" : `FAIL: > ${MAX_GROWTH}×`;
      return [route.label, demo.toFixed(2), big.toFixed(2), `${growth.toFixed(2)}×`, verdict];
    });
    console.log(
      `\nCPU ms per request, medians over ${load.rounds} round(s), page cache off, ${load.connections} connections\n` +
        `large = demo + ${VOLUME.threats} threats, ${VOLUME.actions} actions, ${VOLUME.signatures} signatures on ${large.letter.slug}\n`,
    );
    console.log(table(["page", "demo", "large", "growth", "bar"], rows));
    return rows.some((r) => r[4] !== "PASS") ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

exitWith(main());
