import type { OutboxOutcome } from "~/features/email/settled-hooks.server";
/**
 * Delivery of letters to lawmakers: the outbox worker reports what became of the outbox rows that
 * carry letters, and the letters follow (queued → sent with Resend's id, or queued → failed), in
 * the worker's transaction. Every move goes through the letter state machine.
 */
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { transitionLetters } from "~/features/campaigns/letter-state.server";
import { enqueueLettersSent } from "~/features/webhooks/events.server";

/** Outbox idempotency key of a letter's row: one row per letter, ever. */
export const letterOutboxKey = (letterId: number): string => `campaign-letter:${letterId}`;

/**
 * Moves the letters linked to these outbox rows, through `executor` (the worker's transaction).
 * A letter staff put back after a failure is `failed` while its row is retried: when the row is
 * then sent, the letter goes failed → queued → sent. Returns how many letters moved.
 */
export async function moveLettersForOutbox(
  executor: Kysely<Database>,
  outcomes: readonly OutboxOutcome[],
  now: string,
): Promise<{ sent: number; failed: number }> {
  const moved = { sent: 0, failed: 0 };
  if (outcomes.length === 0) return moved;
  const byOutboxId = new Map(outcomes.map((o) => [o.outboxId, o]));
  const ids = [...byOutboxId.keys()];
  const letters: Array<{ id: number; outbox_id: number | null; status: string }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    letters.push(
      ...(await executor
        .selectFrom("campaign_letters")
        .select(["id", "outbox_id", "status"])
        .where("outbox_id", "in", ids.slice(i, i + 500))
        .where("status", "in", ["queued", "failed"])
        .execute()),
    );
  }

  const failed: number[] = [];
  const retried: number[] = [];
  const sent: Array<{ id: number; providerId: string | null }> = [];
  for (const letter of letters) {
    const outcome = letter.outbox_id === null ? undefined : byOutboxId.get(letter.outbox_id);
    if (!outcome) continue;
    if (!outcome.sent) {
      if (letter.status === "queued") failed.push(letter.id);
      continue;
    }
    if (letter.status === "failed") retried.push(letter.id);
    sent.push({ id: letter.id, providerId: outcome.providerId });
  }

  if (retried.length > 0) {
    await transitionLetters(executor, retried, { from: "failed", to: "queued", detail: "outbox retried", now });
  }
  if (sent.length > 0) {
    const movedIds = await transitionLetters(
      executor,
      sent.map((l) => l.id),
      { from: "queued", to: "sent", detail: "outbox sent", now },
    );
    moved.sent += movedIds.length;
    await enqueueLettersSent(executor, movedIds, now);
    // Each letter gets its own mail's id: one UPDATE with a CASE, in chunks.
    const movedSet = new Set(movedIds);
    const withIds = sent.filter((l) => movedSet.has(l.id) && l.providerId !== null);
    for (let i = 0; i < withIds.length; i += 200) {
      const chunk = withIds.slice(i, i + 200);
      await executor
        .updateTable("campaign_letters")
        .set((eb) => {
          let value = eb.case("id").when(chunk[0].id).then(chunk[0].providerId);
          for (const l of chunk.slice(1)) value = value.when(l.id).then(l.providerId);
          return { provider_id: value.end() };
        })
        .where(
          "id",
          "in",
          chunk.map((l) => l.id),
        )
        .execute();
    }
  }
  if (failed.length > 0) {
    const done = await transitionLetters(executor, failed, {
      from: "queued",
      to: "failed",
      detail: "outbox failed",
      now,
    });
    moved.failed += done.length;
  }
  return moved;
}
