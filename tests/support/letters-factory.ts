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
    // Bulk inserts in chunks (SQLite bounds the parameters of one statement).
    const senderEmail = (s: number) => `sender${s}.${run}@example.net`;
    for (let from = 0; from < senderCount; from += 100) {
      const chunk = Array.from({ length: Math.min(100, senderCount - from) }, (_, i) => from + i);
      const senders = await trx
        .insertInto("campaign_senders")
        .values(
          chunk.map((s) => ({
            campaign_id: campaign.id,
            name: `Sender ${s}`,
            email: senderEmail(s),
            locality: `Locality ${s}`,
            jurisdiction_code: "KE",
            constituency: null,
            personal_note: `A personal note from sender ${s}.`,
            locale: "en",
            status: status === "pending_confirmation" ? ("pending_confirmation" as const) : ("confirmed" as const),
            confirm_token_hash: crypto.randomBytes(16).toString("hex"),
            confirmed_at: status === "pending_confirmation" ? null : at,
            ip_hash: null,
            scrubbed_at: null,
            ...stamps,
          })),
        )
        .returning(["id", "email"])
        .execute();
      const idByEmail = new Map(senders.map((r) => [r.email, r.id]));
      const letters = chunk
        .flatMap((s) =>
          Array.from({ length: perSender }, (_, t) => ({ s, t, senderId: idByEmail.get(senderEmail(s)) ?? 0 })),
        )
        .slice(0, options.letters - fixture.letterIds.length);
      fixture.senderIds.push(...chunk.map((s) => idByEmail.get(senderEmail(s)) ?? 0));

      const inserted = await trx
        .insertInto("campaign_letters")
        .values(
          letters.map(({ s, t, senderId }) => ({
            campaign_id: campaign.id,
            sender_id: senderId,
            lawmaker_id: lawmakerIds[t],
            sender_key: crypto.createHash("sha256").update(senderEmail(s)).digest("hex"),
            subject: `Protect encryption (${s}/${t})`,
            body: letterBody(s, t),
            status,
            outbox_id: null,
            provider_id: null,
            status_changed_at: at,
            scrubbed_at: null,
            ...stamps,
          })),
        )
        .returning(["id", "subject"])
        .execute();
      const letterIdBySubject = new Map(inserted.map((r) => [r.subject, r.id]));
      const letterIds = letters.map(({ s, t }) => letterIdBySubject.get(`Protect encryption (${s}/${t})`) ?? 0);
      fixture.letterIds.push(...letterIds);

      if (!outboxStatus) {
        fixture.outboxIds.push(...letterIds.map(() => null));
        fixture.providerIds.push(...letterIds.map(() => null));
        continue;
      }
      const providerIds = letterIds.map(() => (outboxStatus === "sent" ? `fixture-${crypto.randomUUID()}` : null));
      const rows = await trx
        .insertInto("outbox")
        .values(
          letters.map(({ s, t }, i) => ({
            idempotency_key: letterOutboxKey(letterIds[i]),
            template: "campaign-letter",
            locale: "en",
            to_address: `mp${t}.${run}@parliament.example`,
            from_address: "Letters to lawmakers <letters@example.org>",
            reply_to: senderEmail(s),
            subject: `Protect encryption (${s}/${t})`,
            html: `<p>${letterBody(s, t).replace(/\n/g, "<br>")}</p>`,
            text: letterBody(s, t),
            status: outboxStatus,
            attempts: outboxStatus === "pending" ? 0 : 1,
            next_attempt_at: options.dueAt ?? at,
            last_error: outboxStatus === "failed" ? "fixture" : null,
            provider_id: providerIds[i],
            sent_at: outboxStatus === "sent" ? at : null,
            ...stamps,
          })),
        )
        .returning(["id", "idempotency_key"])
        .execute();
      const outboxByKey = new Map(rows.map((r) => [r.idempotency_key, r.id]));
      const outboxIds = letterIds.map((id) => outboxByKey.get(letterOutboxKey(id)) ?? 0);
      for (const [i, id] of letterIds.entries()) {
        await trx
          .updateTable("campaign_letters")
          .set({ outbox_id: outboxIds[i], provider_id: providerIds[i] })
          .where("id", "=", id)
          .execute();
      }
      fixture.outboxIds.push(...outboxIds);
      fixture.providerIds.push(...providerIds);
    }
    await logLetterCreated(trx, fixture.letterIds, status, at);
    return fixture;
  });
}

const letterBody = (s: number, t: number) =>
  `Dear Member ${t},\n\nI live in Locality ${s}. A personal note from sender ${s}.\n\nSender ${s}`;

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
