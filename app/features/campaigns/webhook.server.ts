/**
 * Resend's delivery webhook (POST /webhooks/resend): Resend signs each event the Svix way
 * (svix-id, svix-timestamp, svix-signature; HMAC-SHA256 with the `whsec_…` secret, timestamps
 * within five minutes). Verified events move the letter they are about; each processed svix-id is
 * recorded so Svix's retries of the same message change nothing.
 */
import type { Kysely } from "kysely";
import { Resend } from "resend";
import { z } from "zod";
import { loadConfig } from "~/config.server";
import { logger } from "~/features/security/log.server";
import { db } from "~db/connection";
import type { CampaignLetterStatus, Database } from "~db/schema";
import { transitionLetters } from "~/features/campaigns/letter-state.server";

/** Resend's events are a few kB; anything much larger is not from Resend. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

export interface WebhookAnswer {
  status: 200 | 401;
  message: string;
}

const HANDLED = [
  "email.sent",
  "email.delivered",
  "email.bounced",
  "email.complained",
  "email.delivery_delayed",
  "email.suppressed",
  "email.failed",
] as const;
type HandledType = (typeof HANDLED)[number];

// Resend documents tags as [{name, value}]; its SDK types them as a record. Accept both.
const tagsSchema = z.union([
  z
    .array(z.object({ name: z.string(), value: z.string() }))
    .transform((tags) => Object.fromEntries(tags.map((t) => [t.name, t.value]))),
  z.record(z.string(), z.string()),
]);
const eventSchema = z.object({
  type: z.string(),
  data: z.object({ email_id: z.string().min(1).max(200), tags: tagsSchema.optional() }).passthrough(),
});
type ResendEvent = z.infer<typeof eventSchema>;

/** Reads at most `limit` bytes of the body; null when it is larger. */
export async function readLimitedBody(request: Request, limit: number = WEBHOOK_BODY_LIMIT): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Verifies and applies one webhook delivery. Anything not signed with our secret changes nothing. */
export async function receiveResendWebhook(rawBody: string, headers: Headers): Promise<WebhookAnswer> {
  const secret = loadConfig().resendWebhookSecret;
  if (!secret) {
    logger.warn({ msg: "resend webhook refused: RESEND_WEBHOOK_SECRET is not set" });
    return { status: 401, message: "Webhook signing secret not configured." };
  }
  const id = headers.get("svix-id");
  const timestamp = headers.get("svix-timestamp");
  const signature = headers.get("svix-signature");
  if (!id || !timestamp || !signature) return { status: 401, message: "Missing signature headers." };

  let payload: unknown;
  try {
    // Verification needs no API key; the SDK's constructor insists on one.
    payload = new Resend("re_verify_only").webhooks.verify({
      payload: rawBody,
      headers: { id, timestamp, signature },
      webhookSecret: secret,
    });
  } catch (error) {
    logger.warn({ msg: "resend webhook refused: bad signature", reason: error instanceof Error ? error.message : "" });
    return { status: 401, message: "Invalid signature." };
  }

  const event = eventSchema.safeParse(payload);
  if (!event.success || !(HANDLED as readonly string[]).includes(event.data.type)) {
    // Signed by Resend but not an event we act on: acknowledge, so it is not retried.
    return { status: 200, message: "Ignored." };
  }
  return applyEvent(id, event.data.type as HandledType, event.data);
}

async function applyEvent(deliveryId: string, type: HandledType, event: ResendEvent): Promise<WebhookAnswer> {
  const emailId = event.data.email_id;
  const now = new Date().toISOString();
  const moved = await db.transaction().execute(async (trx) => {
    const letters = await findLetters(trx, emailId, event.data.tags?.outbox_id);
    if (letters.length === 0) return null;
    const recorded = await trx
      .insertInto("webhook_deliveries")
      .values({ id: deliveryId, type, received_at: now })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!recorded) return "replay" as const;
    let count = 0;
    for (const letter of letters)
      count += await moveLetter(trx, letter, type, emailId, `webhook ${type} ${deliveryId}`, now);
    return count;
  });
  if (moved === null) return { status: 200, message: "No matching letter." };
  if (moved === "replay") return { status: 200, message: "Already processed." };
  return { status: 200, message: "Processed." };
}

interface LetterRef {
  id: number;
  status: CampaignLetterStatus;
  provider_id: string | null;
}

/** By Resend's id on the letter, then on its outbox row, then by the outbox_id tag we set. */
async function findLetters(
  trx: Kysely<Database>,
  emailId: string,
  outboxTag: string | undefined,
): Promise<LetterRef[]> {
  const columns = ["campaign_letters.id", "campaign_letters.status", "campaign_letters.provider_id"] as const;
  const direct = await trx.selectFrom("campaign_letters").select(columns).where("provider_id", "=", emailId).execute();
  if (direct.length > 0) return direct;
  const viaOutbox = await trx
    .selectFrom("campaign_letters")
    .innerJoin("outbox", "outbox.id", "campaign_letters.outbox_id")
    .select(columns)
    .where("outbox.provider_id", "=", emailId)
    .execute();
  if (viaOutbox.length > 0) return viaOutbox;
  const outboxId = Number(outboxTag);
  if (!outboxTag || !Number.isSafeInteger(outboxId)) return [];
  return trx
    .selectFrom("campaign_letters")
    .select(columns)
    .where("outbox_id", "=", outboxId)
    .where((eb) => eb.or([eb("provider_id", "is", null), eb("provider_id", "=", emailId)]))
    .execute();
}

/**
 * delivered → delivered; bounced → bounced; suppressed (Resend would not send to the address) →
 * bounced; failed (Resend could not send it) → failed; a complaint → bounced before delivery, only
 * logged after it. An event can overtake the worker's own record of the send: the letter is then
 * still queued and first moves to sent, as the worker would have moved it.
 */
async function moveLetter(
  trx: Kysely<Database>,
  letter: LetterRef,
  type: HandledType,
  emailId: string,
  detail: string,
  now: string,
): Promise<number> {
  let status = letter.status;
  const set = letter.provider_id === null ? { provider_id: emailId } : undefined;
  if (status === "queued" && type !== "email.delivery_delayed") {
    const moved = await transitionLetters(trx, [letter.id], { from: "queued", to: "sent", detail, set, now });
    if (moved.length === 0) return 0;
    status = "sent";
  }
  const move = async (from: CampaignLetterStatus, to: CampaignLetterStatus) =>
    (await transitionLetters(trx, [letter.id], { from, to, detail, set, now })).length;

  if (type === "email.delivered" && status === "sent") return move("sent", "delivered");
  if (type === "email.bounced" && (status === "sent" || status === "delivered")) return move(status, "bounced");
  // Resend did not send it: the address is on its suppression list after an earlier bounce or complaint.
  if (type === "email.suppressed" && status === "sent") return move("sent", "bounced");
  if (type === "email.failed" && status === "sent") return move("sent", "failed");
  if (type === "email.complained") {
    if (status === "sent") return move("sent", "bounced");
    if (status === "delivered") logger.info({ msg: "letter complaint after delivery", letterId: letter.id });
  }
  if (type === "email.delivery_delayed") logger.info({ msg: "letter delivery delayed", letterId: letter.id });
  return 0;
}
