/**
 * Throughput of the outbox worker against a rate-limited local Resend server: paced under the
 * limit, a backlog drained continuously, Retry-After honoured, a prompt stop; and the local
 * server's own test features (rate limit, seeded faults, restart, counters).
 */
import { Resend } from "resend";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOutboxWorker } from "~/features/email/worker.server";
import { db } from "../../db/connection";
import { createLetters, lettersById } from "../support/letters-factory";
import { startResendServer, type ResendServer } from "../support/resend-server";

let server: ResendServer;
beforeAll(async () => {
  server = await startResendServer({ recordBodies: false });
});
afterAll(() => server.close());
beforeEach(async () => {
  await db.updateTable("outbox").set({ status: "failed" }).where("status", "in", ["pending", "sending"]).execute();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = server.url;
});
afterEach(() => {
  server.setRateLimit(null);
  server.injectFaults(null);
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.RESEND_REQUESTS_PER_SECOND;
});

const counts = async (ids: number[]) => {
  const rows = await db.selectFrom("outbox").select("status").where("id", "in", ids).execute();
  return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
};
const ids = (outboxIds: Array<number | null>) => outboxIds.map((id) => id ?? 0);

describe("outbox worker pacing", () => {
  it("stays under 2 requests/s: five batches in about two seconds, no 429", async () => {
    server.setRateLimit(2);
    process.env.RESEND_REQUESTS_PER_SECOND = "2";
    const fixture = await createLetters(db, { letters: 500 });
    const before = { ...server.counters };
    const started = performance.now();
    const worker = startOutboxWorker({ intervalMs: 60_000 });
    await expect.poll(() => counts(ids(fixture.outboxIds)), { timeout: 10_000, interval: 50 }).toEqual({ sent: 500 });
    const elapsed = performance.now() - started;
    await worker.stop();
    expect(server.counters.rateLimited - before.rateLimited).toBe(0);
    expect(server.counters.requests - before.requests).toBe(5);
    // Four gaps of ≥ 500 ms between five request starts, and no waiting beyond that.
    expect(elapsed).toBeGreaterThanOrEqual(2_000);
    expect(elapsed).toBeLessThan(4_000);
    expect((await lettersById(db, fixture.letterIds)).every((l) => l.status === "sent")).toBe(true);
  });

  it("drains a backlog continuously, past one pass's batch limit, without waiting the tick interval", async () => {
    server.setRateLimit(200);
    process.env.RESEND_REQUESTS_PER_SECOND = "200";
    const fixture = await createLetters(db, { letters: 5_300 });
    const before = server.counters.requests;
    const worker = startOutboxWorker({ intervalMs: 60_000 });
    await expect
      .poll(() => counts(ids(fixture.outboxIds)), { timeout: 20_000, interval: 100 })
      .toEqual({ sent: 5_300 });
    await worker.stop();
    expect(server.counters.requests - before).toBe(53);
  });

  it("waits Retry-After when Resend answers 429, then goes on", async () => {
    server.setRateLimit(2);
    // Configured above the account's real limit: Resend's 429s must slow the worker down.
    process.env.RESEND_REQUESTS_PER_SECOND = "50";
    const fixture = await createLetters(db, { letters: 600 });
    const before = { ...server.counters };
    const started = performance.now();
    const worker = startOutboxWorker({ intervalMs: 60_000 });
    await expect.poll(() => counts(ids(fixture.outboxIds)), { timeout: 15_000, interval: 50 }).toEqual({ sent: 600 });
    await worker.stop();
    const limited = server.counters.rateLimited - before.rateLimited;
    expect(limited).toBeGreaterThan(0);
    // One 429 per second of waiting at most: the worker does not hammer the API.
    expect(limited).toBeLessThanOrEqual(3);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(server.counters.duplicates).toBe(0);
  });

  it("stops promptly in the middle of a backlog and leaves no row claimed", async () => {
    server.setRateLimit(2);
    process.env.RESEND_REQUESTS_PER_SECOND = "2";
    const fixture = await createLetters(db, { letters: 2_000 });
    const before = server.counters.requests;
    const worker = startOutboxWorker({ intervalMs: 60_000 });
    await expect.poll(() => server.counters.requests, { timeout: 5_000, interval: 10 }).toBeGreaterThan(before);
    await expect.poll(() => counts(ids(fixture.outboxIds)), { interval: 10 }).toMatchObject({ sent: 100 });
    const stopping = performance.now();
    await worker.stop();
    expect(performance.now() - stopping).toBeLessThan(1_000);
    const after = await counts(ids(fixture.outboxIds));
    expect(after.sending).toBeUndefined();
    expect(after.sent + after.pending).toBe(2_000);
    const pending = await db
      .selectFrom("outbox")
      .select("attempts")
      .where("id", "in", ids(fixture.outboxIds))
      .where("status", "=", "pending")
      .execute();
    expect(pending.every((r) => r.attempts === 0)).toBe(true);
  });
});

describe("local Resend server", () => {
  const resend = () => new Resend("re_test_key");
  const mail = (n: number) => ({ from: "hub@example.org", to: "a@example.org", subject: `Hi ${n}`, text: "Hello" });

  it("answers 429 with retry-after and rate-limit headers beyond its limit", async () => {
    server.setRateLimit(2);
    const post = () =>
      fetch(`${server.url}/emails`, {
        method: "POST",
        headers: { Authorization: "Bearer re_test_key", "Content-Type": "application/json" },
        body: JSON.stringify(mail(0)),
      });
    const answers = [await post(), await post(), await post()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2].headers.get("retry-after")).toBe("1");
    expect(answers[2].headers.get("ratelimit-limit")).toBe("2");
    expect(await answers[2].json()).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
  });

  it("injects the same faults for the same seed", async () => {
    const run = async () => {
      server.injectFaults({ fraction: 0.5, seed: 42, acceptedBefore500: 0 });
      const statuses: Array<number | null> = [];
      for (let i = 0; i < 20; i++) statuses.push((await resend().emails.send(mail(i))).error?.statusCode ?? 200);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
  });

  it("keeps its idempotency records across a restart, and counts duplicates when told to forget", async () => {
    const key = `restart-${Date.now()}`;
    const first = await resend().emails.send(mail(1), { idempotencyKey: key });
    await server.restart({ downMs: 20 });
    const again = await resend().emails.send(mail(1), { idempotencyKey: key });
    expect(again.data?.id).toBe(first.data?.id);
    expect(server.counters.duplicates).toBe(0);

    const accepted = server.counters.accepted;
    await server.restart({ keepState: false });
    const forgotten = await resend().emails.send(mail(1), { idempotencyKey: key });
    expect(forgotten.data?.id).not.toBe(first.data?.id);
    expect(server.counters.accepted).toBe(accepted + 1);
    expect(server.counters.duplicates).toBe(1);
  });
});
