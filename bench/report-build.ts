/**
 * `npm run bench:report`: how long the yearly report takes to build, and its PDF to draw, with the
 * `bench:targets` data set (2,000 threats, 20,000 advocacy actions, 500 events in the measured
 * year) on a throwaway SQLite file; then the built app serves the published page and PDF, and the
 * second request of each must come from the page cache. Target: the PDF under 2 s.
 *
 * The machine is noisy: each timing is the median of --repeat runs, printed with its range, next
 * to a fixed CPU baseline (SHA-256 over 64 MB) measured in the same run, as a ratio.
 *
 *   npm run bench:report -- --repeat 5
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
import { exitWith, positive } from "./measure";
import { machineInfo, median } from "./report";
import { buildIfStale, startApp } from "./server";
import { seedTargetBench } from "./targets-seed";

const YEAR = new Date().getUTCFullYear();
const PDF_TARGET_MS = 2_000;

function baselineMs(): number {
  const block = crypto.randomBytes(1024 * 1024);
  const started = performance.now();
  for (let i = 0; i < 64; i++) crypto.createHash("sha256").update(block).digest();
  return performance.now() - started;
}

async function timed<T>(repeat: number, run: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    last = await run();
    ms.push(performance.now() - started);
  }
  return { ms, last: last as T };
}

const f1 = (n: number) => n.toFixed(1);
const line = (label: string, ms: number[], baseline: number) =>
  `${label.padEnd(28)} median ${f1(median(ms)).padStart(8)} ms  (${f1(Math.min(...ms))}–${f1(Math.max(...ms))})  ` +
  `${(median(ms) / baseline).toFixed(2)}× baseline`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      repeat: { type: "string", default: "3" },
      threats: { type: "string", default: "2000" },
      actions: { type: "string", default: "20000" },
      events: { type: "string", default: "500" },
    },
  });
  const repeat = Math.round(positive("repeat", values.repeat));
  console.log(machineInfo());
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-report-bench-"));
  const file = path.join(dir, "bench.db");
  const demoPassword = `bench-${crypto.randomBytes(8).toString("hex")}`;
  try {
    const seeding = openDatabase({ DATABASE_PATH: file });
    await migrateToLatest(seeding);
    await seedReferenceData(seeding.db);
    await seedDemo(seeding.db, demoPassword);
    const totals = await seedTargetBench(
      seeding.db,
      {
        threats: Math.round(positive("threats", values.threats)),
        actions: Math.round(positive("actions", values.actions)),
        events: Math.round(positive("events", values.events)),
      },
      YEAR,
    );
    await seeding.db.destroy();
    console.log(
      `data:     ${totals.threats} threats, ${totals.actions} advocacy actions, ${totals.events} events (${YEAR})`,
    );

    // The app's modules read DATABASE_PATH when first imported.
    process.env.DATABASE_PATH = file;
    const { computeReport, reportView } = await import("../app/features/reports/report.server");
    const { publishReport } = await import("../app/features/reports/publishing.server");
    const { renderReportPdf } = await import("../app/features/reports/pdf.server");
    const { namesFor } = await import("../app/features/reports/view.server");
    const { getFixedT } = await import("../app/i18n/i18next.server");
    const { db } = await import("../db/connection");

    const baselines = [baselineMs(), baselineMs(), baselineMs()];
    const baseline = median(baselines);
    console.log(`baseline: SHA-256 over 64 MB, median ${f1(baseline)} ms (${baselines.map(f1).join(", ")})\n`);

    const build = await timed(repeat, () => computeReport(YEAR));
    const figures = build.last.sections.reduce((n, s) => n + s.figures.length, 0);
    console.log(line(`report figures (${figures} headline)`, build.ms, baseline));
    const staff = await db.selectFrom("users").selectAll().where("role", "=", "staff").executeTakeFirstOrThrow();
    await publishReport(staff, YEAR);
    const view = (await reportView(YEAR, { preview: false }))!;
    const t = await getFixedT("en", "reports");
    const names = await namesFor(view, "en");
    const pdf = await timed(repeat, () => renderReportPdf(view, t, "en", names));
    console.log(line(`PDF (${Math.round(pdf.last.length / 1024)} kB)`, pdf.ms, baseline));
    const total = median(build.ms) + median(pdf.ms);
    console.log(
      `\nbuild + PDF: ${f1(total)} ms — target < ${PDF_TARGET_MS} ms: ${total < PDF_TARGET_MS ? "PASS" : "FAIL"}`,
    );
    await db.destroy();

    const app = await startApp({ databasePath: file, demoPassword });
    let cached = true;
    try {
      for (const pathname of [`/reports/${YEAR}`, `/reports/${YEAR}/report.pdf`]) {
        const times: number[] = [];
        const states: string[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          const res = await fetch(app.baseUrl + pathname);
          await res.arrayBuffer();
          times.push(performance.now() - started);
          states.push(res.headers.get("x-cache") ?? "miss");
          if (res.status !== 200) throw new Error(`${pathname}: HTTP ${res.status}`);
        }
        if (states[1] !== "hit" || states[2] !== "hit") cached = false;
        console.log(
          `served ${pathname.padEnd(26)} first ${f1(times[0])} ms, then ${times.slice(1).map(f1).join(", ")} ms (${states.join(", ")})`,
        );
      }
    } finally {
      await app.stop();
    }
    console.log(`page and PDF from the cache after the first request: ${cached ? "PASS" : "FAIL"}`);
    return total < PDF_TARGET_MS && cached ? 0 : 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

exitWith(main());
