/**
 * Privacy scrub of letters to lawmakers, as WriteToThem does: some days after a sender's letters
 * are all done, their e-mail address, locality and personal note, the letter bodies (which quote
 * them) and the outbox copies of those letters are erased. Counts, states, subjects, the event log
 * and the lawmakers stay, so campaign figures do not change. Senders who never confirmed are
 * scrubbed the same number of days after they wrote. Running it again changes nothing.
 *
 * A letter counts as done once delivered, bounced, failed or handed to the sender, and also once
 * it has been `sent` for the whole period: without a webhook (or when Resend never reports back)
 * a sent letter would otherwise keep its sender's details forever.
 */
import { loadConfig } from "../../config.server";
import { logger } from "../security/log.server";
import { db } from "../../../db/connection";
import { runExclusive } from "../jobs/exclusive.server";
import type { CampaignLetterStatus } from "../../../db/schema";

const STILL_MOVING: CampaignLetterStatus[] = ["pending_confirmation", "queued"];
const DAY_MS = 24 * 60 * 60_000;
const CHUNK = 200;

export interface ScrubResult {
  senders: number;
  letters: number;
}

export async function scrubLetters(options: { now?: Date; days?: number } = {}): Promise<ScrubResult> {
  const now = options.now ?? new Date();
  const days = options.days ?? loadConfig().letterScrubDays;
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const iso = now.toISOString();
  const total: ScrubResult = { senders: 0, letters: 0 };

  for (;;) {
    const senders = await dueSenders(cutoff);
    if (senders.length === 0) break;
    await db.transaction().execute(async (trx) => {
      const letters = await trx
        .selectFrom("campaign_letters")
        .select(["id", "outbox_id"])
        .where("sender_id", "in", senders)
        .execute();
      await trx
        .updateTable("campaign_senders")
        .set({
          email: null,
          locality: null,
          personal_note: null,
          confirm_token_hash: null,
          ip_hash: null,
          scrubbed_at: iso,
          updated_at: iso,
        })
        .where("id", "in", senders)
        .where("scrubbed_at", "is", null)
        .execute();
      await trx
        .updateTable("campaign_letters")
        .set({ body: null, scrubbed_at: iso, updated_at: iso })
        .where("sender_id", "in", senders)
        .execute();
      const outboxIds = letters.flatMap((l) => (l.outbox_id === null ? [] : [l.outbox_id]));
      for (let i = 0; i < outboxIds.length; i += 500) {
        // The sent copy quotes the sender and carries their address as Reply-To.
        await trx
          .updateTable("outbox")
          .set({ html: "", text: "", reply_to: null, updated_at: iso })
          .where("id", "in", outboxIds.slice(i, i + 500))
          .where("status", "in", ["sent", "failed"])
          .execute();
      }
      total.senders += senders.length;
      total.letters += letters.length;
    });
  }
  if (total.senders > 0) logger.info({ msg: "letters scrubbed", ...total, days });
  return total;
}

/** Unscrubbed senders whose letters have all been done since before `cutoff`, or who never confirmed. */
async function dueSenders(cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom("campaign_senders as s")
    .select("s.id")
    .where("s.scrubbed_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("s.status", "=", "pending_confirmation"), eb("s.created_at", "<=", cutoff)]),
        eb.and([
          eb("s.status", "=", "confirmed"),
          eb(eb.fn.coalesce("s.confirmed_at", "s.created_at"), "<=", cutoff),
          eb.not(
            eb.exists(
              eb
                .selectFrom("campaign_letters as l")
                .select("l.id")
                .whereRef("l.sender_id", "=", "s.id")
                .where((inner) =>
                  inner.or([inner("l.status", "in", STILL_MOVING), inner("l.status_changed_at", ">", cutoff)]),
                ),
            ),
          ),
        ]),
      ]),
    )
    .orderBy("s.id")
    .limit(CHUNK)
    .execute();
  return rows.map((r) => r.id);
}

export interface ScrubSchedule {
  /** Stops the schedule; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/** One scheduled run; null when another app instance is running the scrub (PostgreSQL). */
export async function scrubLettersTick(): Promise<ScrubResult | null> {
  const run = await runExclusive("letterScrub", () => scrubLetters());
  return run.ran ? run.result : null;
}

/** Runs the scrub now and then every `intervalMs` (hourly by default), once across instances. */
export function startLetterScrub(intervalMs = 60 * 60_000): ScrubSchedule {
  let inFlight: Promise<unknown> | undefined;
  const run = () => {
    if (inFlight) return;
    inFlight = scrubLettersTick()
      .catch((error: unknown) =>
        logger.error({ msg: "letter scrub failed", error: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => (inFlight = undefined));
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
