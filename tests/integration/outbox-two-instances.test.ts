/**
 * Several app instances behind one PostgreSQL database: two outbox workers, each its own process
 * with its own connection pool, drain the same 5,000 queued letters at once through the local
 * Resend-compatible server. Each mail must go out exactly once. SQLite has a single writer and a
 * single instance, so this runs only on PostgreSQL (npm run test:postgres).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { createLetters } from "../support/letters-factory";
import { ROOT } from "../support/paths";
import { startResendServer, type ResendServer } from "../support/resend-server";
import { testPostgresUrl } from "../support/postgres-test-db";

const MAILS = 5_000;
const BATCH = 50;
const onPostgres = testPostgresUrl() !== undefined;
if (!onPostgres) {
  process.stdout.write(
    "outbox-two-instances: skipped on SQLite (one writer, one instance); run `npm run test:postgres -- tests/integration/outbox-two-instances.test.ts`\n",
  );
}

let resend: ResendServer;
beforeAll(async () => {
  if (onPostgres) resend = await startResendServer({ recordBodies: false });
});
afterAll(async () => {
  await resend?.close();
});

interface WorkerReport {
  sent: number;
  passes: number;
}

function runWorker(): Promise<WorkerReport> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/outbox-drain-loop.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: resend.url,
      // No pacing: the point is two workers racing for the same rows.
      RESEND_REQUESTS_PER_SECOND: "1000",
      OUTBOX_BATCH_SIZE: String(BATCH),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`outbox worker exited with ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as WorkerReport);
    });
  });
}

describe.skipIf(!onPostgres)("two app instances on one PostgreSQL database", () => {
  it(`drain ${MAILS} queued letters concurrently, each sent exactly once`, { timeout: 240_000 }, async () => {
    const fixture = await createLetters(db, { letters: MAILS, lettersPerSender: 2 });
    const outboxIds = fixture.outboxIds.map(Number);
    expect(new Set(outboxIds).size).toBe(MAILS);

    const started = performance.now();
    const [a, b] = await Promise.all([runWorker(), runWorker()]);
    const seconds = (performance.now() - started) / 1000;

    const counters = resend.counters;
    process.stdout.write(
      `two instances: worker A sent ${a.sent}, worker B sent ${b.sent}; server accepted ${counters.accepted}, ` +
        `duplicates ${counters.duplicates}, requests ${counters.requests}, in ${seconds.toFixed(1)} s\n`,
    );
    expect(counters.accepted).toBe(MAILS);
    expect(counters.duplicates).toBe(0);
    expect(a.sent + b.sent).toBe(MAILS);
    // Both instances did real work: the claim splits the queue instead of one worker taking all.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);

    const sentTo = new Map<string, number>();
    for (const mail of resend.sent) {
      const id = mail.tags.find((t) => t.name === "outbox_id")?.value ?? "?";
      sentTo.set(id, (sentTo.get(id) ?? 0) + 1);
    }
    expect(sentTo.size).toBe(MAILS);
    expect([...sentTo.values()].every((n) => n === 1)).toBe(true);

    const statuses = await db
      .selectFrom("outbox")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("id", "in", outboxIds)
      .groupBy("status")
      .execute();
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([["sent", MAILS]]);
    const letters = await db
      .selectFrom("campaign_letters")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("id", "in", fixture.letterIds)
      .groupBy("status")
      .execute();
    expect(letters.map((s) => [s.status, Number(s.n)])).toEqual([["sent", MAILS]]);
  });
});
