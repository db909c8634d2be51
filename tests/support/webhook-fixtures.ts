/** API keys with webhook endpoints, and the rows whose changes cause webhook events. */
import crypto from "node:crypto";
import { createApiKey } from "../../app/features/api-keys/keys.server";
import { sha256Hex } from "../../app/features/auth/tokens.server";
import { registerEndpoint } from "../../app/features/webhooks/endpoints.server";
import type { ApiKeyResource, WebhookEventType } from "../../app/lib/vocabularies";
import { db } from "../../db/connection";

export async function adminUser() {
  return db.selectFrom("users").selectAll().where("role", "=", "admin").orderBy("id").executeTakeFirstOrThrow();
}

/** A key with these resources and one endpoint at `url` for `events`; the local test switch allows http. */
export async function keyWithEndpoint(options: {
  url: string;
  events: WebhookEventType[];
  resources?: ApiKeyResource[];
}): Promise<{ keyId: number; endpointId: number; secret: string }> {
  const actor = await adminUser();
  const { key } = await createApiKey(actor, {
    name: `Webhook test ${crypto.randomBytes(3).toString("hex")}`,
    access: "read",
    resources: options.resources ?? ["signatures", "attendances", "outreaches", "people"],
  });
  const registered = await registerEndpoint(
    actor,
    key.id,
    { intent: "register", url: options.url, events: options.events },
    { allowPrivate: true },
  );
  if (!registered.ok) throw new Error(`endpoint refused: ${JSON.stringify(registered.fieldErrors)}`);
  return { keyId: key.id, endpointId: registered.id, secret: registered.secret };
}

/** A pending individual signature of `letterId` with a known confirmation token. */
export async function pendingSignature(letterId: number): Promise<{ id: number; token: string; email: string }> {
  const token = crypto.randomBytes(16).toString("hex");
  const email = `webhook.${crypto.randomBytes(4).toString("hex")}@example.org`;
  const now = new Date().toISOString();
  const row = await db
    .insertInto("signatures")
    .values({
      letter_id: letterId,
      version: 1,
      kind: "individual",
      name: "Ana Souza",
      affiliation: null,
      jurisdiction_code: "BR",
      email,
      email_normalised: email,
      coalition_member_id: null,
      signed_by_user_id: null,
      show_publicly: 0,
      status: "pending",
      confirm_token_hash: sha256Hex(token),
      withdraw_token_hash: null,
      confirmed_at: null,
      withdrawn_at: null,
      rejected_at: null,
      rejection_reason: null,
      ip_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, email };
}

/** A pending RSVP of `eventId` with a known confirmation token. */
export async function pendingRsvp(eventId: number): Promise<{ id: number; token: string; email: string }> {
  const token = crypto.randomBytes(16).toString("hex");
  const email = `rsvp.${crypto.randomBytes(4).toString("hex")}@example.org`;
  const now = new Date().toISOString();
  const row = await db
    .insertInto("event_rsvps")
    .values({
      event_id: eventId,
      name: "Wanjiru Kamau",
      email,
      email_normalised: email,
      share_with_organiser: 0,
      locale: "en",
      status: "pending",
      confirm_token_hash: sha256Hex(token),
      confirmed_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, email };
}

export async function deliveriesOf(endpointId: number) {
  return db.selectFrom("webhook_outbox").selectAll().where("endpoint_id", "=", endpointId).orderBy("id").execute();
}
