/**
 * The letter state machine through delivery's code paths: the outbox worker (queued → sent /
 * failed, failed → queued → sent after a staff retry) and what it must leave alone, plus the
 * whole transition table as the state machine enforces it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LETTER_TRANSITIONS, transitionLetters } from "~/features/campaigns/letter-state.server";
import { retryOutboxMessage } from "~/features/email/outbox.server";
import { drainOutboxOnce } from "~/features/email/worker.server";
import { db } from "../../db/connection";
import { CAMPAIGN_LETTER_STATUSES } from "../../db/schema";
import { createLetters, lettersById } from "../support/letters-factory";
import { startResendServer, type ResendServer } from "../support/resend-server";

let server: ResendServer;
const T0 = new Date("2032-05-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  server = await startResendServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  // Only this test's rows are due at T0: older rows from earlier tests are out of the way.
  await db.updateTable("outbox").set({ status: "failed" }).where("status", "in", ["pending", "sending"]).execute();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = server.url;
  process.env.RESEND_REQUESTS_PER_SECOND = "1000";
});
afterEach(() => {
  server.failNext(500, { times: 0 });
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  delete process.env.RESEND_REQUESTS_PER_SECOND;
});

const events = (letterId: number) =>
  db
    .selectFrom("campaign_letter_events")
    .select(["from_status", "to_status", "detail"])
    .where("letter_id", "=", letterId)
    .orderBy("id")
    .execute();

describe("outbox worker → letters", () => {
  it("moves queued letters to sent with Resend's id, in the transaction that records the send", async () => {
    const fixture = await createLetters(db, { letters: 3, lettersPerSender: 3, at: at(-1000).toISOString() });
    expect(await drainOutboxOnce({ now: T0 })).toMatchObject({ sent: 3, failed: 0 });
    const letters = await lettersById(db, fixture.letterIds);
    const idByOutbox = new Map(server.sent.map((m) => [m.tags[0].value, m.id]));
    for (const [i, letter] of letters.entries()) {
      expect(letter.status).toBe("sent");
      expect(letter.provider_id).toBe(idByOutbox.get(String(fixture.outboxIds[i])));
      expect(letter.status_changed_at).toBe(T0.toISOString());
      const outbox = await db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", fixture.outboxIds[i])
        .executeTakeFirst();
      expect(outbox).toMatchObject({ status: "sent", provider_id: letter.provider_id });
    }
    expect(await events(fixture.letterIds[0])).toEqual([
      { from_status: null, to_status: "queued", detail: "created" },
      { from_status: "queued", to_status: "sent", detail: "outbox sent" },
    ]);
    // The letter went to the lawmaker, with the sender as Reply-To.
    const mail = server.sent.find((m) => m.tags[0].value === String(fixture.outboxIds[0]));
    expect(mail?.to[0]).toMatch(/^mp0\..*@parliament\.example$/);
    expect(mail?.replyTo[0]).toMatch(/^sender0\..*@example\.net$/);
  });

  it("keeps letters queued while their row is retried, and fails them with a dead-lettered row", async () => {
    const fixture = await createLetters(db, { letters: 2, at: at(-1000).toISOString() });
    server.failNext(500, { times: 10 });
    expect(await drainOutboxOnce({ now: T0, maxAttempts: 2 })).toMatchObject({ retried: 2 });
    expect((await lettersById(db, fixture.letterIds)).map((l) => l.status)).toEqual(["queued", "queued"]);
    expect(await drainOutboxOnce({ now: at(3_600_000), maxAttempts: 2 })).toMatchObject({ failed: 2 });
    const letters = await lettersById(db, fixture.letterIds);
    expect(letters.map((l) => l.status)).toEqual(["failed", "failed"]);
    expect(letters[0].provider_id).toBeNull();
    expect((await events(fixture.letterIds[0])).at(-1)).toMatchObject({ from_status: "queued", to_status: "failed" });

    // Staff retry the dead-lettered mail from the mailbox: the letter follows it back and out.
    server.failNext(500, { times: 0 });
    expect(await retryOutboxMessage(fixture.outboxIds[0] ?? 0)).toBe(true);
    expect(await drainOutboxOnce({ now: at(7_200_000) })).toMatchObject({ sent: 1 });
    const [retried, untouched] = await lettersById(db, fixture.letterIds);
    expect(retried.status).toBe("sent");
    expect(untouched.status).toBe("failed");
    expect((await events(retried.id)).slice(-2).map((e) => [e.from_status, e.to_status])).toEqual([
      ["failed", "queued"],
      ["queued", "sent"],
    ]);
  });

  it("fails only the letter whose mail Resend rejects in a batch", async () => {
    const fixture = await createLetters(db, { letters: 3, lettersPerSender: 3, at: at(-1000).toISOString() });
    await db
      .updateTable("outbox")
      .set({ to_address: "not-an-address" })
      .where("id", "=", fixture.outboxIds[1])
      .execute();
    expect(await drainOutboxOnce({ now: T0 })).toMatchObject({ sent: 2, failed: 1 });
    expect((await lettersById(db, fixture.letterIds)).map((l) => l.status)).toEqual(["sent", "failed", "sent"]);
  });

  it("leaves alone letters that are not queued when their row is recorded", async () => {
    // A webhook already moved one letter on (sent, then delivered); another was never confirmed
    // although a row points at it. Neither may move again, nor gain a log line.
    const fixture = await createLetters(db, { letters: 3, lettersPerSender: 3, at: at(-1000).toISOString() });
    const [delivered, pending, normal] = fixture.letterIds;
    await transitionLetters(db, [delivered], { from: "queued", to: "sent", set: { provider_id: "re_early" } });
    await transitionLetters(db, [delivered], { from: "sent", to: "delivered" });
    await db
      .updateTable("campaign_letters")
      .set({ status: "pending_confirmation" })
      .where("id", "=", pending)
      .execute();
    const before = [(await events(delivered)).length, (await events(pending)).length];
    expect(await drainOutboxOnce({ now: T0 })).toMatchObject({ sent: 3 });
    const rows = await lettersById(db, fixture.letterIds);
    expect(rows.map((r) => r.status)).toEqual(["delivered", "pending_confirmation", "sent"]);
    expect(rows[0].provider_id).toBe("re_early");
    expect([(await events(delivered)).length, (await events(pending)).length]).toEqual(before);
    expect((await lettersById(db, [normal]))[0].status).toBe("sent");
  });

  it("does not touch letters when the outbox sends other mail", async () => {
    const fixture = await createLetters(db, { letters: 1, status: "queued", at: at(-1000).toISOString() });
    await db.updateTable("outbox").set({ status: "failed" }).where("id", "=", fixture.outboxIds[0]).execute();
    const { queueEmail } = await import("~/features/email/outbox.server");
    await queueEmail(db, {
      template: "password-reset",
      to: "someone@example.org",
      locale: "en",
      props: { name: "Someone", resetUrl: "https://hub.example.org/reset?token=t", expiresInMinutes: 30 },
      idempotencyKey: `password-reset:letters-${Date.now()}`,
    });
    expect(await drainOutboxOnce({ now: at(60_000) })).toMatchObject({ sent: 1 });
    expect((await lettersById(db, fixture.letterIds))[0].status).toBe("queued");
  });
});

describe("letter state machine", () => {
  const pairs = CAMPAIGN_LETTER_STATUSES.flatMap((from) => CAMPAIGN_LETTER_STATUSES.map((to) => [from, to] as const));
  it.each(pairs)("%s → %s is allowed exactly when the table says so", async (from, to) => {
    const fixture = await createLetters(db, { letters: 1, status: from });
    const [id] = fixture.letterIds;
    const before = await events(id);
    if (LETTER_TRANSITIONS[from].includes(to)) {
      expect(await transitionLetters(db, [id], { from, to, detail: "test", now: T0.toISOString() })).toEqual([id]);
      expect((await lettersById(db, [id]))[0]).toMatchObject({ status: to, status_changed_at: T0.toISOString() });
      expect((await events(id)).at(-1)).toEqual({ from_status: from, to_status: to, detail: "test" });
      // A second writer expecting the old state moves nothing.
      expect(await transitionLetters(db, [id], { from, to })).toEqual([]);
    } else {
      await expect(transitionLetters(db, [id], { from, to })).rejects.toThrow(/not allowed/);
      expect((await lettersById(db, [id]))[0].status).toBe(from);
      expect(await events(id)).toEqual(before);
    }
  });
});
