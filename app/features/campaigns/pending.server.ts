/**
 * Unconfirmed letters to lawmakers. Anyone can type someone else's address into the form, so an
 * unconfirmed send must never stand in the way of the address's owner: a later send from the same
 * address replaces it (sending.server.ts), and it expires SENDER_CONFIRM_DAYS after it was written
 * (its link then says so, and the hourly job removes it). Removing means: the sender, their
 * letters and those letters' log rows are deleted, and their confirmation mail is deleted while
 * still unsent or else emptied (address, body), so that nothing of a person who perhaps never
 * wrote stays behind. Campaign figures count letters by state, so they stay right.
 */
import type { Kysely } from "kysely";
import { db } from "~db/connection";
import type { Database } from "~db/schema";
import { logger } from "~/features/security/log.server";
import { SENDER_CONFIRM_DAYS } from "~/features/campaigns/constants";

const DAY_MS = 24 * 60 * 60_000;
const CHUNK = 200;

/** Links of senders who wrote at or before this moment have expired. */
export function senderConfirmCutoff(now: Date): string {
  return new Date(now.getTime() - SENDER_CONFIRM_DAYS * DAY_MS).toISOString();
}

export function confirmationKey(senderId: number): string {
  return `campaign-confirm:${senderId}`;
}

/**
 * Removes unconfirmed senders with everything they wrote, through `executor` (run it in the
 * caller's transaction). Senders who confirmed meanwhile are left alone. Returns how many went.
 */
export async function discardUnconfirmedSenders(
  executor: Kysely<Database>,
  senderIds: readonly number[],
  now: string,
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < senderIds.length; i += CHUNK) {
    const chunk = senderIds.slice(i, i + CHUNK);
    const senders = await executor
      .selectFrom("campaign_senders")
      .select("id")
      .where("id", "in", chunk)
      .where("status", "=", "pending_confirmation")
      .execute();
    const ids = senders.map((s) => s.id);
    if (ids.length === 0) continue;
    const letters = await executor.selectFrom("campaign_letters").select("id").where("sender_id", "in", ids).execute();
    const letterIds = letters.map((l) => l.id);
    for (let j = 0; j < letterIds.length; j += 500) {
      await executor
        .deleteFrom("campaign_letter_events")
        .where("letter_id", "in", letterIds.slice(j, j + 500))
        .execute();
    }
    await executor.deleteFrom("campaign_letters").where("sender_id", "in", ids).execute();
    const keys = ids.map(confirmationKey);
    // Not sent yet: it never will be. Sent (or failed): the row stays for the staff mailbox and
    // the recipient's mail caps, without the address or the text.
    await executor.deleteFrom("outbox").where("idempotency_key", "in", keys).where("status", "=", "pending").execute();
    await executor
      .updateTable("outbox")
      .set({ to_address: "", html: "", text: "", reply_to: null, updated_at: now })
      .where("idempotency_key", "in", keys)
      .execute();
    await executor.deleteFrom("campaign_senders").where("id", "in", ids).execute();
    removed += ids.length;
  }
  return removed;
}

/** Removes the senders whose confirmation link has expired. Returns how many went. */
export async function expireUnconfirmedSenders(now = new Date()): Promise<number> {
  const cutoff = senderConfirmCutoff(now);
  const stamp = now.toISOString();
  let total = 0;
  for (;;) {
    const due = await db
      .selectFrom("campaign_senders")
      .select("id")
      .where("status", "=", "pending_confirmation")
      .where("created_at", "<=", cutoff)
      .orderBy("id")
      .limit(CHUNK)
      .execute();
    if (due.length === 0) break;
    const removed = await db.transaction().execute((trx) =>
      discardUnconfirmedSenders(
        trx,
        due.map((s) => s.id),
        stamp,
      ),
    );
    total += removed;
    if (removed === 0) break;
  }
  if (total > 0) logger.info({ msg: "unconfirmed letters removed", senders: total, days: SENDER_CONFIRM_DAYS });
  return total;
}
