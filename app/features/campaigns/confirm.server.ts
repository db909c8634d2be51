/**
 * The sender confirms through the mailed link (the GET page only looks; its button POSTs). On
 * confirmation, in one transaction: letters to lawmakers with an e-mail address go to the outbox
 * (pending_confirmation → queued), the others are handed to the sender to send through the
 * lawmaker's contact form (→ handed_to_sender). Repeating the POST changes nothing and shows the
 * same letters again.
 */
import { db } from "~db/connection";
import type { CampaignLetterStatus } from "~db/schema";
import { sha256Hex } from "~/features/auth/tokens.server";
import { queueRenderedEmail, renderEmail, type RenderedEmail } from "~/features/email/outbox.server";
import { pickTemplate, templatesOf } from "~/features/campaigns/campaigns.server";
import { transitionLetters } from "~/features/campaigns/letter-state.server";
import { senderConfirmCutoff } from "~/features/campaigns/pending.server";
import { campaignUrl } from "~/features/campaigns/public-page.server";
import type { Result } from "~/lib/result";

function tokenHash(token: string): string | null {
  return /^[a-z0-9]{16,64}$/.test(token) ? sha256Hex(token) : null;
}

export interface TokenLookup {
  name: string;
  campaignSlug: string;
  confirmed: boolean;
  /** Unconfirmed for longer than the link works (SENDER_CONFIRM_DAYS): confirming it fails. */
  expired: boolean;
}

/** Unconfirmed, and written before the link's lifetime began. */
function isExpired(sender: { status: string; created_at: string }, now: Date): boolean {
  return sender.status === "pending_confirmation" && sender.created_at <= senderConfirmCutoff(now);
}

/** Read-only: whether a mailed link is good, for the page its GET opens. */
export async function checkCampaignToken(token: string, now = new Date()): Promise<TokenLookup | null> {
  const hash = tokenHash(token);
  if (!hash) return null;
  const row = await db
    .selectFrom("campaign_senders")
    .innerJoin("letter_campaigns", "letter_campaigns.id", "campaign_senders.campaign_id")
    .select([
      "campaign_senders.name",
      "campaign_senders.status",
      "campaign_senders.created_at",
      "letter_campaigns.slug",
    ])
    .where("campaign_senders.confirm_token_hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    name: row.name,
    campaignSlug: row.slug,
    confirmed: row.status === "confirmed",
    expired: isExpired(row, now),
  };
}

export interface ConfirmedLetter {
  id: number;
  lawmakerName: string;
  lawmakerTitle: string | null;
  status: CampaignLetterStatus;
  subject: string;
  body: string | null;
  contactUrl: string | null;
}

export type ConfirmResult = Result<
  { campaignSlug: string; campaignTitle: string; campaignUrl: string; letters: ConfirmedLetter[] },
  { reason: "invalid" | "notOpen" | "expired" }
>;

/** The language a sender's letters were written in: the template picked for their locale. */
async function letterLanguage(campaignId: number, locale: string): Promise<string> {
  return pickTemplate(await templatesOf(campaignId), locale)?.language ?? locale;
}

/**
 * The mails of a sender's pending letters to lawmakers with an address, rendered before the
 * transaction so the database's single writer waits for no rendering.
 */
async function renderPendingLetters(
  hash: string,
  now: Date,
): Promise<{ language: string; mails: Map<number, RenderedEmail> }> {
  const mails = new Map<number, RenderedEmail>();
  const sender = await db
    .selectFrom("campaign_senders")
    .select(["id", "campaign_id", "locale", "status", "created_at"])
    .where("confirm_token_hash", "=", hash)
    .executeTakeFirst();
  if (!sender) return { language: "en", mails };
  const language = await letterLanguage(sender.campaign_id, sender.locale);
  if (sender.status !== "pending_confirmation" || isExpired(sender, now)) return { language, mails };
  const letters = await db
    .selectFrom("campaign_letters")
    .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
    .select(["campaign_letters.id", "campaign_letters.subject", "campaign_letters.body"])
    .where("campaign_letters.sender_id", "=", sender.id)
    .where("campaign_letters.status", "=", "pending_confirmation")
    .where("lawmakers.email", "is not", null)
    .execute();
  for (const letter of letters) {
    mails.set(
      letter.id,
      await renderEmail("campaign-letter", { subject: letter.subject, body: letter.body ?? "" }, language),
    );
  }
  return { language, mails };
}

export async function confirmSender(token: string, now = new Date()): Promise<ConfirmResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  const { language, mails } = await renderPendingLetters(hash, now);
  return db.transaction().execute(async (trx): Promise<ConfirmResult> => {
    const sender = await trx
      .selectFrom("campaign_senders")
      .innerJoin("letter_campaigns", "letter_campaigns.id", "campaign_senders.campaign_id")
      .select([
        "campaign_senders.id",
        "campaign_senders.email",
        "campaign_senders.locale",
        "campaign_senders.status",
        "campaign_senders.created_at",
        "letter_campaigns.id as campaign_id",
        "letter_campaigns.slug",
        "letter_campaigns.status as campaign_status",
        "letter_campaigns.sending_address",
      ])
      .where("campaign_senders.confirm_token_hash", "=", hash)
      .executeTakeFirst();
    if (!sender) return { ok: false, reason: "invalid" };

    if (sender.status === "pending_confirmation") {
      // An expired link confirms nothing; the hourly job removes its letters (pending.server.ts).
      if (isExpired(sender, now)) return { ok: false, reason: "expired" };
      // A paused or closed campaign sends nothing; the link works again once it is resumed.
      if (sender.campaign_status !== "open") return { ok: false, reason: "notOpen" };
      if (!sender.email) return { ok: false, reason: "invalid" };
      await trx
        .updateTable("campaign_senders")
        .set({ status: "confirmed", confirmed_at: stamp, updated_at: stamp })
        .where("id", "=", sender.id)
        .where("status", "=", "pending_confirmation")
        .execute();
      const pending = await trx
        .selectFrom("campaign_letters")
        .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
        .select([
          "campaign_letters.id",
          "campaign_letters.subject",
          "campaign_letters.body",
          "lawmakers.name",
          "lawmakers.title",
          "lawmakers.email",
        ])
        .where("campaign_letters.sender_id", "=", sender.id)
        .where("campaign_letters.status", "=", "pending_confirmation")
        .orderBy("campaign_letters.id")
        .execute();
      const handed: number[] = [];
      for (const letter of pending) {
        if (!letter.email) {
          handed.push(letter.id);
          continue;
        }
        const message =
          mails.get(letter.id) ??
          (await renderEmail("campaign-letter", { subject: letter.subject, body: letter.body ?? "" }, language));
        const outboxId = await queueRenderedEmail(trx, {
          template: "campaign-letter",
          to: letter.email,
          from: sender.sending_address,
          replyTo: sender.email,
          locale: language,
          ...message,
          idempotencyKey: `campaign-letter:${letter.id}`,
          now: stamp,
        });
        await transitionLetters(trx, [letter.id], {
          from: "pending_confirmation",
          to: "queued",
          detail: "confirmed",
          set: { outbox_id: outboxId },
          now: stamp,
        });
      }
      await transitionLetters(trx, handed, {
        from: "pending_confirmation",
        to: "handed_to_sender",
        detail: "confirmed; the lawmaker has only a contact form",
        now: stamp,
      });
    }

    const letters = await trx
      .selectFrom("campaign_letters")
      .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
      .select([
        "campaign_letters.id",
        "campaign_letters.status",
        "campaign_letters.subject",
        "campaign_letters.body",
        "lawmakers.name",
        "lawmakers.title",
        "lawmakers.contact_url",
      ])
      .where("campaign_letters.sender_id", "=", sender.id)
      .orderBy("campaign_letters.id")
      .execute();
    const title = pickTemplate(await templatesOf(sender.campaign_id, trx), sender.locale)?.title ?? sender.slug;
    return {
      ok: true,
      campaignSlug: sender.slug,
      campaignTitle: title,
      campaignUrl: campaignUrl(sender.slug),
      letters: letters.map((l) => ({
        id: l.id,
        lawmakerName: l.name,
        lawmakerTitle: l.title,
        status: l.status,
        subject: l.subject,
        // The text is shown again only to copy it into a contact form.
        body: l.status === "handed_to_sender" ? l.body : null,
        contactUrl: l.status === "handed_to_sender" ? l.contact_url : null,
      })),
    };
  });
}
