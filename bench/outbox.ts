/**
 * `npm run bench:outbox`: letters to lawmakers through the outbox worker at Resend's rate limit.
 *
 * 10,000 queued letters (one outbox row each) drain through the real worker (Resend SDK, batches
 * of 100, idempotency keys, the pacer) into the local Resend-compatible server, which enforces
 * 2 requests/s as Resend does by default and answers 429 beyond it. Bar: ≥ 180 letters/s, 90 % of
 * the limit's theoretical maximum (2 requests/s × 100 mails = 200 letters/s), which is printed
 * alongside as the same-run baseline. Every letter must end `sent` exactly once.
 *
 *   npx tsx bench/outbox.ts --letters 10000 --rate 2
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { positive } from "./measure";
import { machineInfo, table } from "./report";

const BAR_LETTERS_PER_SECOND = 180;
const BATCH = 100;

const USAGE = `Usage: npx tsx bench/outbox.ts [options]
  --letters <n>   queued letters to drain (default 10000)
  --rate <n>      requests per second, enforced by the local server and configured in the worker (default 2)
  --help`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      letters: { type: "string", default: "10000" },
      rate: { type: "string", default: "2" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const letters = Math.round(positive("letters", values.letters));
  const rate = positive("rate", values.rate);

  // A throwaway database, set before the app's modules open one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-outbox-"));
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  process.env.RESEND_API_KEY = "re_bench";
  process.env.RESEND_REQUESTS_PER_SECOND = String(rate);

  const { db, getDatabase, closeDatabase } = await import("../db/connection");
  const { migrateToLatest } = await import("../db/migrate");
  const { seedReferenceData } = await import("../db/seeds/reference");
  const { startOutboxWorker } = await import("../app/features/email/worker.server");
  const { registerOutboxHooks } = await import("../server/outbox-hooks");
  registerOutboxHooks();
  const { startResendServer } = await import("../tests/support/resend-server");
  const { createLetters } = await import("../tests/support/letters-factory");

  const resend = await startResendServer({ requestsPerSecond: rate, recordBodies: false });
  process.env.RESEND_BASE_URL = resend.url;
  try {
    await migrateToLatest(getDatabase());
    await seedReferenceData(db);
    const now = new Date().toISOString();
    await db
      .insertInto("threats")
      .values({
        slug: "bench-threat",
        jurisdiction_code: "KE",
        kind: "bill",
        identifier: null,
        title: "Bench threat",
        short_name: null,
        summary: "A threat for the outbox bench.",
        severity: "high",
        first_seen_on: now.slice(0, 10),
        stage: null,
        stage_on: null,
        outcome: "open",
        outcome_reason: null,
        outcome_on: null,
        search_text: "bench threat",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const fixture = await createLetters(db, { letters, lettersPerSender: 2 });
    const ids = fixture.outboxIds.map((id) => id ?? 0);
    const unsent = async () =>
      Number(
        (
          await db
            .selectFrom("outbox")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("status", "!=", "sent")
            .executeTakeFirstOrThrow()
        ).n,
      );

    console.log(`Draining ${letters} queued letters at ${rate} requests/s, ${BATCH} per batch…`);
    const started = performance.now();
    const worker = startOutboxWorker();
    let left = await unsent();
    while (left > 0 && performance.now() - started < (letters / (rate * BATCH)) * 3_000 + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await unsent();
    }
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();

    const letterStates = await db
      .selectFrom("campaign_letters")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    const sent = Number(letterStates.find((s) => s.status === "sent")?.n ?? 0);
    const perSecond = sent / seconds;
    const baseline = rate * BATCH;
    const pass =
      left === 0 && sent === letters && resend.counters.duplicates === 0 && perSecond >= BAR_LETTERS_PER_SECOND;

    console.log("");
    console.log(
      table(
        ["measure", "value"],
        [
          ["letters sent", `${sent} / ${letters} (outbox rows left: ${left}, of ${ids.length})`],
          ["elapsed", `${seconds.toFixed(1)} s`],
          ["letters/s", perSecond.toFixed(1)],
          ["baseline: limit's maximum", `${baseline} letters/s (${rate} requests/s × ${BATCH})`],
          ["ratio to the baseline", `${((perSecond / baseline) * 100).toFixed(1)} %`],
          ["ratio to the bar (180/s)", `${((perSecond / BAR_LETTERS_PER_SECOND) * 100).toFixed(1)} %`],
          ["requests to Resend", String(resend.counters.requests)],
          ["429 answers", String(resend.counters.rateLimited)],
          ["mails accepted / duplicates", `${resend.counters.accepted} / ${resend.counters.duplicates}`],
        ],
      ),
    );
    console.log("");
    console.log(machineInfo());
    console.log("");
    console.log(pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
  } finally {
    await resend.close();
    await closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
