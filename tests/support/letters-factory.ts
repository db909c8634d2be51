/**
 * Inserts a letter campaign with its lawmakers, senders and letters (and, for letters past
 * confirmation, their outbox rows, linked as the send flow links them) straight into the database,
 * for delivery tests and the outbox bench. Not a model of the send flow: it only sets the columns
 * delivery reads.
 */
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { letterOutboxKey } from "../../app/features/campaigns/delivery.server";
import { logLetterCreated } from "../../app/features/campaigns/letter-state.server";
import type { CampaignLetterStatus, Database } from "../../db/schema";

export interface LettersFixture {
  campaignId: number;
  lawmakerIds: number[];
  senderIds: number[];
  letterIds: number[];
  /** Outbox row of each letter (same order as letterIds); null before confirmation. */
  outboxIds: Array<number | null>;
  /** Provider id of each letter accepted by Resend (sent, delivered, bounced); null otherwise. */
  providerIds: Array<string | null>;
}

export interface LettersOptions {
  letters: number;
  /** Letters each sender writes (to as many lawmakers); default 1. */
  lettersPerSender?: number;
  status?: CampaignLetterStatus;
  /** When the letters (and senders) were created and last changed state; default now. */
  at?: string;
  /** Make the outbox rows due at this time (default `at`). */
  dueAt?: string;
}

let fixtureRun = 0;

const OUTBOX_STATUS: Partial<Record<CampaignLetterStatus, "pending" | "sent" | "failed">> = {
  queued: "pending",
  sent: "sent",
  delivered: "sent",
  bounced: "sent",
  failed: "failed",
};

export async function createLetters(db: Kysely<Database>, options: LettersOptions): Promise<LettersFixture> {
  const run = `${process.pid}-${++fixtureRun}-${crypto.randomBytes(3).toString("hex")}`;
  const at = options.at ?? new Date().toISOString();
  const status = options.status ?? "queued";
  const perSender = Math.max(1, options.lettersPerSender ?? 1);
  const senderCount = Math.ceil(options.letters / perSender);
  const outboxStatus = OUTBOX_STATUS[status];
  const stamps = { created_at: at, updated_at: at };

  return db.transaction().execute(async (trx) => {
    const threat = await trx.selectFrom("threats").select("id").orderBy("id").executeTakeFirstOrThrow();
    const campaign = await trx
      .insertInto("letter_campaigns")
      .values({
        slug: `fixture-${run}`,
        threat_id: threat.id,
        status: "open",
        target_mode: "list",
        rule_jurisdiction_code: null,
        rule_body: null,
        rule_constituencies: null,
        sender_picks_constituency: 0,
        fallback_lawmaker_id: null,
        sending_address: "Letters to lawmakers <letters@example.org>",
        created_by: null,
        opened_at: at,
        closed_at: null,
        ...stamps,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const lawmakerIds: number[] = [];
    for (let i = 0; i < perSender; i++) {
      const email = `mp${i}.${run}@parliament.example`;
      const row = await trx
        .insertInto("lawmakers")
        .values({
          name: `Member ${i}`,
          title: "MP",
          body: "National Assembly",
          jurisdiction_code: "KE",
          constituency: `Constituency ${i}`,
          party: null,
          email,
          email_normalised: email,
          contact_url: null,
          source_url: null,
          verified_on: null,
          match_key: `member ${i}|national assembly|ke|${run}`,
          ...stamps,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      lawmakerIds.push(row.id);
      await trx.insertInto("campaign_targets").values({ campaign_id: campaign.id, lawmaker_id: row.id }).execute();
    }

    const fixture: LettersFixture = {
      campaignId: campaign.id,
      lawmakerIds,
      senderIds: [],
      letterIds: [],
      outboxIds: [],
      providerIds: [],
    };
    for (let s = 0; s < senderCount; s++) {
      const email = `sender${s}.${run}@example.net`;
      const sender = await trx
        .insertInto("campaign_senders")
        .values({
          campaign_id: campaign.id,
          name: `Sender ${s}`,
          email,
          locality: `Locality ${s}`,
          jurisdiction_code: "KE",
          constituency: null,
          personal_note: `A personal note from sender ${s}.`,
          locale: "en",
          status: status === "pending_confirmation" ? "pending_confirmation" : "confirmed",
          confirm_token_hash: crypto.randomBytes(16).toString("hex"),
          confirmed_at: status === "pending_confirmation" ? null : at,
          ip_hash: null,
          scrubbed_at: null,
          ...stamps,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      fixture.senderIds.push(sender.id);
      const senderKey = crypto.createHash("sha256").update(email).digest("hex");
      for (let t = 0; t < perSender && fixture.letterIds.length < options.letters; t++) {
        const body = `Dear Member ${t},\n\nI live in Locality ${s}. A personal note from sender ${s}.\n\nSender ${s}`;
        const letter = await trx
          .insertInto("campaign_letters")
          .values({
            campaign_id: campaign.id,
            sender_id: sender.id,
            lawmaker_id: lawmakerIds[t],
            sender_key: senderKey,
            subject: `Protect encryption (${s}/${t})`,
            body,
            status,
            outbox_id: null,
            provider_id: null,
            status_changed_at: at,
            scrubbed_at: null,
            ...stamps,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        let outboxId: number | null = null;
        let providerId: string | null = null;
        if (outboxStatus) {
          providerId = outboxStatus === "sent" ? `fixture-${crypto.randomUUID()}` : null;
          const row = await trx
            .insertInto("outbox")
            .values({
              idempotency_key: letterOutboxKey(letter.id),
              template: "campaign-letter",
              locale: "en",
              to_address: `mp${t}.${run}@parliament.example`,
              from_address: "Letters to lawmakers <letters@example.org>",
              reply_to: email,
              subject: `Protect encryption (${s}/${t})`,
              html: `<p>${body.replace(/\n/g, "<br>")}</p>`,
              text: body,
              status: outboxStatus,
              attempts: outboxStatus === "pending" ? 0 : 1,
              next_attempt_at: options.dueAt ?? at,
              last_error: outboxStatus === "failed" ? "fixture" : null,
              provider_id: providerId,
              sent_at: outboxStatus === "sent" ? at : null,
              ...stamps,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          outboxId = row.id;
          await trx
            .updateTable("campaign_letters")
            .set({ outbox_id: outboxId, provider_id: providerId })
            .where("id", "=", letter.id)
            .execute();
        }
        fixture.letterIds.push(letter.id);
        fixture.outboxIds.push(outboxId);
        fixture.providerIds.push(providerId);
      }
    }
    await logLetterCreated(trx, fixture.letterIds, status, at);
    return fixture;
  });
}

/** The letters' current rows, in the order of `ids`. */
export async function lettersById(db: Kysely<Database>, ids: readonly number[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("campaign_letters")
        .selectAll()
        .where("id", "in", ids.slice(i, i + 500))
        .execute()),
    );
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}
