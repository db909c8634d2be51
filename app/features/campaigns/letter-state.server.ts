/**
 * The state machine of a letter to a lawmaker. Every change goes through `transitionLetters`,
 * which checks the move is allowed, applies it only to rows still in the expected state (so two
 * writers cannot both move a letter) and logs each transition in campaign_letter_events.
 */
import type { Kysely } from "kysely";
import type { CampaignLetterStatus, Database } from "~db/schema";

export const LETTER_TRANSITIONS: Record<CampaignLetterStatus, readonly CampaignLetterStatus[]> = {
  // The sender has not confirmed yet. Recipients with only a contact form are handed to the sender.
  pending_confirmation: ["queued", "handed_to_sender"],
  // In the outbox. The worker records `sent` or, after its last attempt, `failed`.
  queued: ["sent", "failed"],
  // Accepted by Resend. Its webhook reports delivery, a bounce (a complaint counts as bounced
  // only before delivery; after it, the letter stays delivered and the event is logged), or that
  // Resend failed to send it after all.
  sent: ["delivered", "bounced", "failed"],
  delivered: ["bounced"],
  bounced: [],
  // Staff may put a failed letter back in the queue.
  failed: ["queued"],
  handed_to_sender: [],
};

export function canTransition(from: CampaignLetterStatus, to: CampaignLetterStatus): boolean {
  return LETTER_TRANSITIONS[from].includes(to);
}

export interface LetterTransition {
  from: CampaignLetterStatus;
  to: CampaignLetterStatus;
  /** What caused it, for the log: "confirmed", "outbox 12 sent", "webhook email.bounced msg_…". */
  detail?: string | null;
  /** Extra columns to set with the move (outbox_id, provider_id). */
  set?: { outbox_id?: number | null; provider_id?: string | null };
  now?: string;
}

/**
 * Moves the given letters from `from` to `to` through `executor` (run it in the caller's
 * transaction). Letters not in `from` are left alone. Returns the ids that moved.
 */
export async function transitionLetters(
  executor: Kysely<Database>,
  letterIds: readonly number[],
  transition: LetterTransition,
): Promise<number[]> {
  if (!canTransition(transition.from, transition.to)) {
    throw new Error(`letter transition ${transition.from} → ${transition.to} is not allowed`);
  }
  if (letterIds.length === 0) return [];
  const now = transition.now ?? new Date().toISOString();
  const moved: number[] = [];
  // Chunked: SQLite allows a bounded number of bound parameters per statement.
  for (let i = 0; i < letterIds.length; i += 500) {
    const chunk = letterIds.slice(i, i + 500);
    const rows = await executor
      .updateTable("campaign_letters")
      .set({ status: transition.to, status_changed_at: now, updated_at: now, ...transition.set })
      .where("id", "in", chunk)
      .where("status", "=", transition.from)
      .returning("id")
      .execute();
    moved.push(...rows.map((r) => r.id));
  }
  if (moved.length > 0) {
    for (let i = 0; i < moved.length; i += 500) {
      await executor
        .insertInto("campaign_letter_events")
        .values(
          moved.slice(i, i + 500).map((id) => ({
            letter_id: id,
            from_status: transition.from,
            to_status: transition.to,
            detail: transition.detail ?? null,
            created_at: now,
          })),
        )
        .execute();
    }
  }
  return moved;
}

/** Logs a letter's creation (no previous state) in the same table as its transitions. */
export async function logLetterCreated(
  executor: Kysely<Database>,
  letterIds: readonly number[],
  status: CampaignLetterStatus,
  now: string = new Date().toISOString(),
): Promise<void> {
  for (let i = 0; i < letterIds.length; i += 500) {
    const chunk = letterIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    await executor
      .insertInto("campaign_letter_events")
      .values(
        chunk.map((id) => ({
          letter_id: id,
          from_status: null,
          to_status: status,
          detail: "created",
          created_at: now,
        })),
      )
      .execute();
  }
}
