/**
 * 2,000 letters through the local Resend-compatible server while it answers 429 or 500 to a fifth
 * of the requests (half of those 500s after it accepted the mails, so only the retry's idempotency
 * key prevents a second copy) and restarts once in the middle of a request. Every letter must end
 * `sent` exactly once. The worker's clock is driven here, so backoff costs no real time.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutboxOnce } from "~/features/email/worker.server";
import { db } from "../../db/connection";
import { createLetters, lettersById } from "../support/letters-factory";
import { startResendServer, type ResendServer } from "../support/resend-server";

const LETTERS = 2_000;
// Smaller than the worker's 100, for more requests and so more faults in the run.
const BATCH = 25;
const FIRST_WAVE = 500;
const WAVE = 37;
const STEP_MS = 5_000;
const T0 = new Date("2031-03-01T09:00:00.000Z");

let server: ResendServer;
beforeAll(async () => {
  server = await startResendServer({ recordBodies: false });
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = server.url;
  // The pacing is tested elsewhere; here the faults are.
  process.env.RESEND_REQUESTS_PER_SECOND = "1000";
});
afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.RESEND_REQUESTS_PER_SECOND;
  await server.close();
});

async function outboxLeft(ids: number[]) {
  const rows = await db
    .selectFrom("outbox")
    .select(["status", "next_attempt_at"])
    .where("id", "in", ids)
    .where("status", "in", ["pending", "sending"])
    .orderBy("next_attempt_at")
    .execute();
  return { count: rows.length, nextDue: rows[0]?.next_attempt_at };
}

describe("letters delivery under faults and a restart", () => {
  it("sends every one of 2,000 letters exactly once", { timeout: 60_000 }, async () => {
    const started = Date.now();
    // Letters keep arriving while earlier batches are retried, as in a live campaign: retried rows
    // come due among rows never tried, and must still go out with their first companions.
    const letterIds: number[] = [];
    const outboxIds: number[] = [];
    const addLetters = async (count: number, at: Date) => {
      const fixture = await createLetters(db, { letters: count, at: at.toISOString() });
      letterIds.push(...fixture.letterIds);
      outboxIds.push(...fixture.outboxIds.map((id) => id ?? 0));
    };
    await addLetters(FIRST_WAVE, new Date(T0.getTime() - 1000));
    server.injectFaults({ fraction: 0.2, seed: 20311, acceptedBefore500: 0.5 });

    let now = T0;
    let drains = 0;
    let restarted = false;
    for (;;) {
      if (letterIds.length < LETTERS) await addLetters(Math.min(WAVE, LETTERS - letterIds.length), now);
      const left = await outboxLeft(outboxIds);
      if (left.count === 0) break;
      if (!restarted && letterIds.length === LETTERS && left.count <= LETTERS / 2) {
        // Mid-run: the next request is held for 300 ms after the server took it in; the server
        // goes down meanwhile, so the worker never hears the answer.
        restarted = true;
        const requestsBefore = server.counters.requests;
        server.injectFaults(null);
        server.delayNext(300);
        const drain = drainOutboxOnce({ now, batchSize: BATCH });
        await expect.poll(() => server.counters.requests, { interval: 5 }).toBeGreaterThan(requestsBefore);
        await server.restart({ downMs: 100 });
        const result = await drain;
        expect(result.retried).toBeGreaterThan(0);
        server.injectFaults({ fraction: 0.2, seed: 9, acceptedBefore500: 0.5 });
      } else {
        await drainOutboxOnce({ now, batchSize: BATCH, maxBatches: 3 });
      }
      expect(++drains).toBeLessThan(1_000);
      // Time moves on between drains, so retried batches come due among newer rows.
      now = new Date(Math.max(now.getTime() + STEP_MS, Date.parse(left.nextDue ?? "") || 0));
    }
    expect(restarted).toBe(true);
    const letters = await lettersById(db, letterIds);
    expect(letters.filter((l) => l.status !== "sent")).toEqual([]);

    // Exactly once, as the provider counts it: one accepted mail per outbox row, no duplicate.
    expect(server.counters.duplicates).toBe(0);
    const perOutboxId = new Map<string, string[]>();
    for (const mail of server.sent) {
      const id = mail.tags.find((t) => t.name === "outbox_id")?.value ?? "";
      perOutboxId.set(id, [...(perOutboxId.get(id) ?? []), mail.id]);
    }
    expect(perOutboxId.size).toBe(LETTERS);
    expect([...perOutboxId.values()].every((ids) => ids.length === 1)).toBe(true);
    expect(server.counters.accepted).toBe(LETTERS);
    // Each letter carries the id Resend gave its mail.
    for (const letter of letters) {
      expect(perOutboxId.get(String(letter.outbox_id))).toEqual([letter.provider_id]);
    }

    // The faults really happened, and the retries really were answered from idempotency records.
    expect(server.counters.faults).toBeGreaterThanOrEqual(10);
    expect(server.counters.replayed).toBeGreaterThan(0);
    const retriedRows = await db
      .selectFrom("outbox")
      .select("id")
      .where("id", "in", outboxIds)
      .where("attempts", ">", 1)
      .execute();
    expect(retriedRows.length).toBeGreaterThan(0);
    expect(server.counters.requests).toBeGreaterThan(LETTERS / BATCH + 10);

    // One queued → sent move per letter in the log.
    const moves = await db
      .selectFrom("campaign_letter_events")
      .select(["letter_id"])
      .where("letter_id", "in", letterIds)
      .where("to_status", "=", "sent")
      .execute();
    expect(moves).toHaveLength(LETTERS);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
