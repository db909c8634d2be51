/**
 * A person writes to their lawmakers: the letters are rendered for the preview, then written in
 * one transaction (the sender, one letter per target, the confirmation mail) and wait for the
 * sender's confirmation (confirm.server.ts).
 */
import crypto from "node:crypto";
import type { FieldErrors } from "~/lib/field-errors";
import { db } from "~db/connection";
import type { Executor } from "~db/schema";
import { loadConfig } from "~/config.server";
import { normaliseEmail } from "~/lib/email-address";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";
import { mayMailUnsolicited, queueRenderedEmail, renderEmail } from "~/features/email/outbox.server";
import { hashIp } from "~/features/letters/signature-abuse.server";
import {
  pickTemplate,
  templatesOf,
  type CampaignRow,
  type CampaignTemplate,
} from "~/features/campaigns/campaigns.server";
import { logLetterCreated } from "~/features/campaigns/letter-state.server";
import { confirmationKey, discardUnconfirmedSenders } from "~/features/campaigns/pending.server";
import type { SendLettersInput } from "~/features/campaigns/forms";
import { parsePlaceValue, type SenderPlace } from "~/features/campaigns/recipient-rules";
import { recipientsForSender, type Recipient } from "~/features/campaigns/recipients.server";
import { renderSubject, renderTemplate, templateVariables, type TemplateValues } from "~/features/campaigns/template";
import type { Nothing, Result } from "~/lib/result";

export interface PreparedLetter {
  lawmakerId: number;
  lawmakerName: string;
  lawmakerTitle: string | null;
  /** True when the letter will be e-mailed; false when the sender sends it through a contact form. */
  byEmail: boolean;
  subject: string;
  body: string;
}

export type PrepareResult = Result<
  { letters: PreparedLetter[]; place: SenderPlace | null; language: string },
  { fieldErrors?: FieldErrors; formErrors?: string[] }
>;

export function threatTitleOf(threat: { short_name: string | null; title: string }): string {
  return threat.short_name || threat.title;
}

/** A subject variant picked at random per letter, reproducibly from the form's seed. */
function variantIndex(seed: string, lawmakerId: number, count: number): number {
  const digest = crypto.createHash("sha256").update(`${seed}:${lawmakerId}`).digest();
  return digest.readUInt32BE(0) % count;
}

export function newSeed(): string {
  return crypto.randomBytes(8).toString("hex");
}

export function validSeed(seed: string | undefined | null): string {
  return seed && /^[0-9a-f]{16}$/.test(seed) ? seed : newSeed();
}

export function renderLetters(
  template: CampaignTemplate,
  recipients: readonly Recipient[],
  sender: { name: string; locality?: string; personalNote?: string },
  threatTitle: string,
  seed: string,
): PreparedLetter[] {
  return recipients.map((lawmaker) => {
    const values: TemplateValues = {
      "lawmaker.name": lawmaker.name,
      "lawmaker.title": lawmaker.title ?? "",
      "sender.name": sender.name,
      "sender.locality": sender.locality ?? "",
      "sender.personal_note": sender.personalNote?.trim() ?? "",
      "threat.title": threatTitle,
    };
    const subjectTemplate = template.subjects[variantIndex(seed, lawmaker.id, template.subjects.length)] ?? "";
    return {
      lawmakerId: lawmaker.id,
      lawmakerName: lawmaker.name,
      lawmakerTitle: lawmaker.title,
      byEmail: Boolean(lawmaker.email),
      subject: renderSubject(subjectTemplate, values),
      body: renderTemplate(template.body_template, values),
    };
  });
}

/** The letters this input would send (the preview), or what is wrong with it. */
export async function prepareLetters(
  campaign: CampaignRow,
  input: SendLettersInput,
  locale: string,
  seed: string,
  executor: Executor = db,
): Promise<PrepareResult> {
  if (campaign.status !== "open") return { ok: false, formErrors: ["campaigns:errors.notOpen"] };
  let place: SenderPlace | null = null;
  if (campaign.sender_picks_constituency === 1) {
    place = input.place ? parsePlaceValue(input.place) : null;
    if (!place) return { ok: false, fieldErrors: { place: ["campaigns:validation.place"] } };
  }
  const [templates, threat, recipients] = await Promise.all([
    templatesOf(campaign.id, executor),
    executor
      .selectFrom("threats")
      .select(["title", "short_name"])
      .where("id", "=", campaign.threat_id)
      .executeTakeFirstOrThrow(),
    recipientsForSender(campaign, place, executor),
  ]);
  const template = pickTemplate(templates, locale);
  if (!template || template.subjects.length === 0) return { ok: false, formErrors: ["campaigns:errors.notOpen"] };
  // Asked only when the letter says where the sender lives.
  if (!input.locality && templateVariables(template.body_template).includes("sender.locality")) {
    return { ok: false, fieldErrors: { locality: ["campaigns:validation.localityRequired"] } };
  }
  if (recipients.length === 0) {
    return campaign.sender_picks_constituency === 1
      ? { ok: false, fieldErrors: { place: ["campaigns:validation.noLawmaker"] } }
      : { ok: false, formErrors: ["campaigns:validation.noLawmaker"] };
  }
  const letters = renderLetters(template, recipients, input, threatTitleOf(threat), seed);
  return { ok: true, letters, place, language: template.language };
}

export interface SendContext {
  ip: string;
  locale: string;
  seed: string;
  now?: Date;
}

export type SendResult = Result<Nothing, { fieldErrors?: FieldErrors; formErrors?: string[]; already?: string[] }>;

/** Keyed, so that the key kept after the scrub cannot be turned back into an address by guessing. */
function senderKey(email: string): string {
  return crypto
    .createHmac("sha256", loadConfig().appSecret)
    .update(`sender:${normaliseEmail(email)}`)
    .digest("hex");
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ""}` : "";
  return /UNIQUE constraint|SQLITE_CONSTRAINT_UNIQUE|23505|duplicate key/i.test(text);
}

/**
 * Writes the sender, their letters (pending confirmation) and the confirmation mail in one
 * transaction. A confirmed letter this address already wrote to one of the recipients refuses the
 * whole send and names the lawmakers; nothing is written then. Unconfirmed letters from this
 * address (perhaps typed by someone else) never stand in the way: the new send replaces them, and
 * their link stops working (pending.server.ts). Over the address's caps on unsolicited mail the
 * answer is that of a send, and nothing is written. The letters and the mail are rendered before
 * the transaction, so the database's single writer waits for no rendering.
 */
export async function sendLetters(
  campaignId: number,
  input: SendLettersInput,
  context: SendContext,
): Promise<SendResult> {
  const now = context.now ?? new Date();
  const stamp = now.toISOString();
  const email = input.email.trim();
  const key = senderKey(email);
  const token = randomToken();
  const campaign = await db.selectFrom("letter_campaigns").selectAll().where("id", "=", campaignId).executeTakeFirst();
  if (!campaign || campaign.status !== "open") return { ok: false, formErrors: ["campaigns:errors.notOpen"] };
  const prepared = await prepareLetters(campaign, input, context.locale, context.seed);
  if (!prepared.ok) return prepared;
  const title = pickTemplate(await templatesOf(campaign.id), context.locale)?.title ?? campaign.slug;
  const message = await renderEmail(
    "campaign-confirm",
    {
      name: input.name,
      campaignTitle: title,
      lawmakers: prepared.letters.map((l) => l.lawmakerName),
      confirmUrl: `${loadConfig().appUrl}/campaigns/confirm?token=${token}`,
    },
    context.locale,
  );
  try {
    return await db.transaction().execute(async (trx): Promise<SendResult> => {
      const current = await trx
        .selectFrom("letter_campaigns")
        .select("status")
        .where("id", "=", campaign.id)
        .executeTakeFirst();
      if (current?.status !== "open") return { ok: false, formErrors: ["campaigns:errors.notOpen"] };
      if (!(await mayMailUnsolicited(trx, email, now))) return { ok: true };
      const already = await trx
        .selectFrom("campaign_letters")
        .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
        .select("lawmakers.name")
        .where("campaign_letters.campaign_id", "=", campaign.id)
        .where("campaign_letters.sender_key", "=", key)
        .where(
          "campaign_letters.lawmaker_id",
          "in",
          prepared.letters.map((l) => l.lawmakerId),
        )
        .where("campaign_letters.status", "<>", "pending_confirmation")
        .orderBy("lawmakers.name")
        .execute();
      if (already.length) return { ok: false, already: already.map((r) => r.name) };
      const unconfirmed = await trx
        .selectFrom("campaign_letters")
        .select("sender_id")
        .distinct()
        .where("campaign_id", "=", campaign.id)
        .where("sender_key", "=", key)
        .where("status", "=", "pending_confirmation")
        .execute();
      await discardUnconfirmedSenders(
        trx,
        unconfirmed.map((r) => r.sender_id),
        stamp,
      );

      const sender = await trx
        .insertInto("campaign_senders")
        .values({
          campaign_id: campaign.id,
          name: input.name,
          email,
          locality: input.locality || null,
          jurisdiction_code: prepared.place?.jurisdiction ?? campaign.rule_jurisdiction_code ?? null,
          constituency: prepared.place?.constituency ?? null,
          personal_note: input.personalNote?.trim() || null,
          locale: context.locale,
          status: "pending_confirmation",
          confirm_token_hash: sha256Hex(token),
          confirmed_at: null,
          ip_hash: hashIp(context.ip),
          scrubbed_at: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const letters = await trx
        .insertInto("campaign_letters")
        .values(
          prepared.letters.map((l) => ({
            campaign_id: campaign.id,
            sender_id: sender.id,
            lawmaker_id: l.lawmakerId,
            sender_key: key,
            subject: l.subject,
            body: l.body,
            status: "pending_confirmation" as const,
            outbox_id: null,
            provider_id: null,
            status_changed_at: stamp,
            scrubbed_at: null,
            created_at: stamp,
            updated_at: stamp,
          })),
        )
        .returning("id")
        .execute();
      await logLetterCreated(
        trx,
        letters.map((l) => l.id),
        "pending_confirmation",
        stamp,
      );
      await queueRenderedEmail(trx, {
        template: "campaign-confirm",
        to: email,
        locale: context.locale,
        ...message,
        idempotencyKey: confirmationKey(sender.id),
        now: stamp,
        unsolicited: true,
      });
      return { ok: true };
    });
  } catch (error) {
    // Two sends from the same address at once: the unique index stops the second one.
    if (isUniqueViolation(error)) return { ok: false, formErrors: ["campaigns:errors.duplicateRace"] };
    throw error;
  }
}
