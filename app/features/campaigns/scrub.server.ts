/**
 * Privacy scrub of letters to lawmakers, as WriteToThem does: some days after a sender's letters
 * are all done, their name, e-mail address, locality and personal note, the letter bodies (which
 * quote them), the outbox copies of those letters (body, Reply-To) and the sender's confirmation
 * mail (address, body) are erased, and subjects that quote the sender lose those words. Counts,
 * states, the event log and the lawmakers stay, so campaign figures do not change. Senders who
 * never confirmed are removed once their link expires (pending.server.ts); any still here are
 * scrubbed the same number of days after they wrote. Running it again changes nothing.
 *
 * A letter counts as done once delivered, bounced, failed or handed to the sender, and also once
 * it has been `sent` for the whole period: without a webhook (or when Resend never reports back)
 * a sent letter would otherwise keep its sender's details forever.
 */
import { loadConfig } from "~/config.server";
import { logger } from "~/features/security/log.server";
import { db } from "~db/connection";
import { runExclusive } from "~/features/jobs/exclusive.server";
import { confirmationKey, expireUnconfirmedSenders } from "~/features/campaigns/pending.server";
import type { Kysely } from "kysely";
import type { CampaignLetterStatus, Database } from "~db/schema";

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
      const people = await trx
        .selectFrom("campaign_senders")
        .select(["id", "name", "email", "locality", "personal_note"])
        .where("id", "in", senders)
        .execute();
      const secretsOf = new Map(people.map((p) => [p.id, [p.name, p.email, p.locality, p.personal_note]]));
      const letters = await trx
        .selectFrom("campaign_letters")
        .select(["id", "sender_id", "subject", "outbox_id"])
        .where("sender_id", "in", senders)
        .execute();
      await trx
        .updateTable("campaign_senders")
        .set({
          name: "",
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
      // A subject variant may quote the sender (`{{sender.name}}`, `{{sender.locality}}`, …).
      for (const letter of letters) {
        const subject = erase(letter.subject, secretsOf.get(letter.sender_id));
        if (subject !== letter.subject) {
          await trx.updateTable("campaign_letters").set({ subject }).where("id", "=", letter.id).execute();
        }
      }
      const outboxIds = letters.flatMap((l) => (l.outbox_id === null ? [] : [l.outbox_id]));
      const senderOfOutbox = new Map(
        letters.flatMap((l) => (l.outbox_id === null ? [] : [[l.outbox_id, l.sender_id]])),
      );
      for (let i = 0; i < outboxIds.length; i += 500) {
        const chunk = outboxIds.slice(i, i + 500);
        // The sent copy quotes the sender and carries their address as Reply-To.
        await trx
          .updateTable("outbox")
          .set({ html: "", text: "", reply_to: null, updated_at: iso })
          .where("id", "in", chunk)
          .where("status", "in", ["sent", "failed"])
          .execute();
        await eraseOutboxHeaders(trx, chunk, (id) => secretsOf.get(senderOfOutbox.get(id) ?? -1));
      }
      // The sender's confirmation mail: their address, their name, the link. Never sent by now:
      // it never will be. Otherwise the row stays for the mailbox's history, empty.
      const keys = senders.map(confirmationKey);
      await trx.deleteFrom("outbox").where("idempotency_key", "in", keys).where("status", "=", "pending").execute();
      const confirmations = await trx
        .updateTable("outbox")
        .set({ to_address: "", html: "", text: "", reply_to: null, recipient_key: null, updated_at: iso })
        .where("idempotency_key", "in", keys)
        .returning(["id", "idempotency_key"])
        .execute();
      const senderOfKey = new Map(senders.map((id) => [confirmationKey(id), id]));
      const senderOfConfirmation = new Map(confirmations.map((r) => [r.id, senderOfKey.get(r.idempotency_key) ?? -1]));
      await eraseOutboxHeaders(
        trx,
        confirmations.map((r) => r.id),
        (id) => secretsOf.get(senderOfConfirmation.get(id) ?? -1),
      );
      total.senders += senders.length;
      total.letters += letters.length;
    });
  }
  if (total.senders > 0) logger.info({ msg: "letters scrubbed", ...total, days });
  return total;
}

const ERASED = "…";

/** `text` without the given values (the sender's name, address, locality) where it quotes them. */
function erase(text: string, secrets: ReadonlyArray<string | null> | undefined): string {
  let result = text;
  for (const secret of secrets ?? []) {
    const value = secret?.trim();
    if (value && value.length > 1) result = result.split(value).join(ERASED);
  }
  return result;
}

/** Takes the sender out of the subjects and errors of these outbox rows. */
async function eraseOutboxHeaders(
  trx: Kysely<Database>,
  ids: readonly number[],
  secretsFor: (outboxId: number) => ReadonlyArray<string | null> | undefined,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom("outbox").select(["id", "subject", "last_error"]).where("id", "in", ids).execute();
  for (const row of rows) {
    const secrets = secretsFor(row.id);
    const subject = erase(row.subject, secrets);
    const lastError = row.last_error === null ? null : erase(row.last_error, secrets);
    if (subject !== row.subject || lastError !== row.last_error) {
      await trx.updateTable("outbox").set({ subject, last_error: lastError }).where("id", "=", row.id).execute();
    }
  }
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

/**
 * One scheduled run: unconfirmed letters whose link expired are removed, then the scrub runs.
 * Null when another app instance is running it (PostgreSQL).
 */
export async function scrubLettersTick(): Promise<ScrubResult | null> {
  const run = await runExclusive("letterScrub", async () => {
    await expireUnconfirmedSenders();
    return scrubLetters();
  });
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
