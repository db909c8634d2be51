/**
 * The privacy scrub: a sender's name, e-mail, locality and note, the letter bodies and the outbox copies
 * go LETTER_SCRUB_DAYS after the sender's last letter is done; counts, states and subjects stay.
 */
import { describe, expect, it } from "vitest";
import { scrubLetters } from "~/features/campaigns/scrub.server";
import { transitionLetters } from "~/features/campaigns/letter-state.server";
import { db } from "../../db/connection";
import { createLetters, lettersById } from "../support/letters-factory";

const DAY = 24 * 60 * 60_000;
const NOW = new Date("2033-06-01T12:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const sender = (id: number) =>
  db.selectFrom("campaign_senders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const outboxRow = (id: number | null) =>
  db
    .selectFrom("outbox")
    .selectAll()
    .where("id", "=", id ?? 0)
    .executeTakeFirstOrThrow();
const campaignCounts = async (campaignId: number) =>
  (
    await db
      .selectFrom("campaign_letters")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("campaign_id", "=", campaignId)
      .groupBy("status")
      .orderBy("status")
      .execute()
  ).map((r) => [r.status, Number(r.n)]);

describe("scrubLetters", () => {
  it("scrubs senders whose letters were all done more than 90 days ago, and nobody else", async () => {
    const old = await createLetters(db, { letters: 4, lettersPerSender: 2, status: "delivered", at: daysAgo(91) });
    const recent = await createLetters(db, { letters: 2, lettersPerSender: 2, status: "bounced", at: daysAgo(89) });
    const campaignBefore = await campaignCounts(old.campaignId);
    const subjectsBefore = (await lettersById(db, old.letterIds)).map((l) => l.subject);

    const result = await scrubLetters({ now: NOW, days: 90 });
    expect(result.senders).toBeGreaterThanOrEqual(2);

    for (const id of old.senderIds) {
      const row = await sender(id);
      expect(row).toMatchObject({ email: null, locality: null, personal_note: null, scrubbed_at: NOW.toISOString() });
      expect(row.name).toBe("");
    }
    const letters = await lettersById(db, old.letterIds);
    for (const letter of letters) {
      expect(letter).toMatchObject({ body: null, status: "delivered", scrubbed_at: NOW.toISOString() });
      expect(letter.status_changed_at).toBe(daysAgo(91));
      const copy = await outboxRow(letter.outbox_id);
      expect(copy).toMatchObject({ html: "", text: "", reply_to: null, status: "sent" });
      expect(copy.to_address).toMatch(/@parliament\.example$/);
    }
    expect(letters.map((l) => l.subject)).toEqual(subjectsBefore);
    expect(await campaignCounts(old.campaignId)).toEqual(campaignBefore);

    // 89 days: untouched.
    for (const id of recent.senderIds) {
      const row = await sender(id);
      expect(row.email).toMatch(/@example\.net$/);
      expect(row.locality).toMatch(/^Locality /);
      expect(row.scrubbed_at).toBeNull();
    }
    const kept = await lettersById(db, recent.letterIds);
    expect(kept.every((l) => l.body?.includes("Locality"))).toBe(true);
    expect((await outboxRow(kept[0].outbox_id)).reply_to).toMatch(/@example\.net$/);
  });

  it("waits for the sender's last letter: one letter still moving or recently done keeps them all", async () => {
    const fixture = await createLetters(db, { letters: 3, lettersPerSender: 3, status: "failed", at: daysAgo(200) });
    const [, second, third] = fixture.letterIds;
    // One letter of the same sender was retried and is still in the queue.
    await transitionLetters(db, [second], { from: "failed", to: "queued", now: daysAgo(200) });
    await scrubLetters({ now: NOW, days: 90 });
    expect((await sender(fixture.senderIds[0])).email).not.toBeNull();

    // It was sent 30 days ago, then delivered: 90 days count from that last change.
    await transitionLetters(db, [second], { from: "queued", to: "sent", now: daysAgo(31) });
    await transitionLetters(db, [second], { from: "sent", to: "delivered", now: daysAgo(30) });
    await scrubLetters({ now: NOW, days: 90 });
    expect((await sender(fixture.senderIds[0])).email).not.toBeNull();
    await scrubLetters({ now: new Date(NOW.getTime() + 61 * DAY), days: 90 });
    expect((await sender(fixture.senderIds[0])).email).toBeNull();
    expect((await lettersById(db, [third]))[0].body).toBeNull();
  });

  it("counts handed_to_sender letters as done, and a letter sent 90 days ago without news as done too", async () => {
    const handed = await createLetters(db, { letters: 1, status: "handed_to_sender", at: daysAgo(95) });
    const silent = await createLetters(db, { letters: 1, status: "sent", at: daysAgo(95) });
    const queued = await createLetters(db, { letters: 1, status: "queued", at: daysAgo(400) });
    await scrubLetters({ now: NOW, days: 90 });
    expect((await sender(handed.senderIds[0])).email).toBeNull();
    expect((await sender(silent.senderIds[0])).email).toBeNull();
    expect((await sender(queued.senderIds[0])).email).not.toBeNull();
    expect((await lettersById(db, queued.letterIds))[0].body).not.toBeNull();
  });

  it("scrubs senders who never confirmed, the same number of days after they wrote", async () => {
    const stale = await createLetters(db, {
      letters: 2,
      lettersPerSender: 2,
      status: "pending_confirmation",
      at: daysAgo(91),
    });
    const fresh = await createLetters(db, { letters: 1, status: "pending_confirmation", at: daysAgo(10) });
    await scrubLetters({ now: NOW, days: 90 });
    const row = await sender(stale.senderIds[0]);
    expect(row).toMatchObject({
      email: null,
      locality: null,
      confirm_token_hash: null,
      status: "pending_confirmation",
    });
    const letters = await lettersById(db, stale.letterIds);
    expect(letters.map((l) => [l.status, l.body])).toEqual([
      ["pending_confirmation", null],
      ["pending_confirmation", null],
    ]);
    expect((await sender(fresh.senderIds[0])).email).not.toBeNull();
  });

  it("is idempotent: a second run changes nothing", async () => {
    const fixture = await createLetters(db, { letters: 2, status: "delivered", at: daysAgo(120) });
    await scrubLetters({ now: NOW, days: 90 });
    const first = await sender(fixture.senderIds[0]);
    const again = await scrubLetters({ now: new Date(NOW.getTime() + DAY), days: 90 });
    expect(again).toEqual({ senders: 0, letters: 0 });
    expect(await sender(fixture.senderIds[0])).toEqual(first);
  });

  it("reads the threshold from LETTER_SCRUB_DAYS", async () => {
    const fixture = await createLetters(db, { letters: 1, status: "delivered", at: daysAgo(10) });
    process.env.LETTER_SCRUB_DAYS = "7";
    try {
      await scrubLetters({ now: NOW });
    } finally {
      delete process.env.LETTER_SCRUB_DAYS;
    }
    expect((await sender(fixture.senderIds[0])).email).toBeNull();
  });
});
