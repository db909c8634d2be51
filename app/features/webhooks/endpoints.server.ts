/**
 * The endpoints admins register for an API key, and their delivery log. Every write is audited;
 * the signing secret never goes into the audit log, and is read only when an admin asks for it.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import { checkWebhookUrl, type UrlCheckOptions } from "~/features/webhooks/address-guard.server";
import { DELIVERIES_PER_PAGE, TEST_EVENT_TYPE } from "~/features/webhooks/constants";
import { insertDeliveries, parseEventTypes } from "~/features/webhooks/events.server";
import type { WebhookEndpointInput } from "~/features/webhooks/forms";
import { newWebhookSecret } from "~/features/webhooks/signing.server";
import type { FieldErrors } from "~/lib/field-errors";
import type { Result } from "~/lib/result";
import type { WebhookDeliveryStatus, WebhookDisabledReason, WebhookEventType } from "~/lib/vocabularies";

export interface WebhookEndpointView {
  id: number;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  disabledReason: WebhookDisabledReason | null;
  consecutiveFailures: number;
  createdAt: string;
  createdByName: string | null;
  pending: number;
  failed: number;
}

const endpointColumns = [
  "webhook_endpoints.id",
  "webhook_endpoints.url",
  "webhook_endpoints.event_types",
  "webhook_endpoints.enabled",
  "webhook_endpoints.disabled_reason",
  "webhook_endpoints.consecutive_failures",
  "webhook_endpoints.created_at",
  "users.name as created_by_name",
] as const;

export async function listEndpoints(apiKeyId: number): Promise<WebhookEndpointView[]> {
  const rows = await db
    .selectFrom("webhook_endpoints")
    .leftJoin("users", "users.id", "webhook_endpoints.created_by")
    .select(endpointColumns)
    .where("webhook_endpoints.api_key_id", "=", apiKeyId)
    .orderBy("webhook_endpoints.id")
    .execute();
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom("webhook_outbox")
    .select(["endpoint_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
    .where(
      "endpoint_id",
      "in",
      rows.map((r) => r.id),
    )
    .where("status", "in", ["pending", "sending", "failed"])
    .groupBy(["endpoint_id", "status"])
    .execute();
  const count = (id: number, statuses: WebhookDeliveryStatus[]) =>
    counts.filter((c) => c.endpoint_id === id && statuses.includes(c.status)).reduce((sum, c) => sum + Number(c.n), 0);
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    events: parseEventTypes(row.event_types),
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    consecutiveFailures: row.consecutive_failures,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    pending: count(row.id, ["pending", "sending"]),
    failed: count(row.id, ["failed"]),
  }));
}

export type RegisterResult = Result<{ id: number; secret: string }, { fieldErrors: FieldErrors }>;

/** Registers an endpoint after the address guard accepted its URL; the secret is returned to show. */
export async function registerEndpoint(
  actor: User,
  apiKeyId: number,
  input: WebhookEndpointInput,
  guard: UrlCheckOptions = {},
): Promise<RegisterResult> {
  const checked = await checkWebhookUrl(input.url, guard);
  if (!checked.ok) return { ok: false, fieldErrors: { url: [`webhooks:errors.url.${checked.reason}`] } };
  const url = checked.url.toString();
  const events = [...new Set(input.events)];
  const secret = newWebhookSecret();
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx): Promise<RegisterResult> => {
    const key = await trx
      .selectFrom("api_keys")
      .select(["id", "revoked_at"])
      .where("id", "=", apiKeyId)
      .executeTakeFirst();
    if (!key || key.revoked_at) return { ok: false, fieldErrors: { "": ["webhooks:errors.keyRevoked"] } };
    const row = await trx
      .insertInto("webhook_endpoints")
      .values({
        api_key_id: apiKeyId,
        url,
        event_types: JSON.stringify(events),
        secret,
        enabled: 1,
        disabled_reason: null,
        consecutive_failures: 0,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "webhook.create",
      entityType: "webhook_endpoint",
      entityId: row.id,
      after: { api_key_id: apiKeyId, url, events },
    });
    return { ok: true, id: row.id, secret };
  });
}

async function findEndpoint(apiKeyId: number, endpointId: number) {
  return db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "enabled", "disabled_reason", "secret"])
    .where("id", "=", endpointId)
    .where("api_key_id", "=", apiKeyId)
    .executeTakeFirst();
}

/** The signing secret, for an admin who asked to see it (audited: who looked, not the secret). */
export async function revealSecret(actor: User, apiKeyId: number, endpointId: number): Promise<string | null> {
  const endpoint = await findEndpoint(apiKeyId, endpointId);
  if (!endpoint) return null;
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "webhook.secret_view",
    entityType: "webhook_endpoint",
    entityId: endpointId,
  });
  return endpoint.secret;
}

/** Turns an endpoint off or back on; on again, its failure count starts over. False if unknown. */
export async function setEndpointEnabled(
  actor: User,
  apiKeyId: number,
  endpointId: number,
  enabled: boolean,
): Promise<boolean> {
  const before = await findEndpoint(apiKeyId, endpointId);
  if (!before) return false;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("webhook_endpoints")
      .set({
        enabled: enabled ? 1 : 0,
        disabled_reason: enabled ? null : "admin",
        consecutive_failures: enabled ? 0 : sql<number>`consecutive_failures`,
        updated_at: now,
      })
      .where("id", "=", endpointId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: enabled ? "webhook.enable" : "webhook.disable",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      before: { enabled: before.enabled === 1, disabled_reason: before.disabled_reason },
      after: { enabled, disabled_reason: enabled ? null : "admin" },
    });
  });
  return true;
}

/** Deletes an endpoint and its delivery log. False if unknown. */
export async function deleteEndpoint(actor: User, apiKeyId: number, endpointId: number): Promise<boolean> {
  const before = await findEndpoint(apiKeyId, endpointId);
  if (!before) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("webhook_outbox").where("endpoint_id", "=", endpointId).execute();
    await trx.deleteFrom("webhook_endpoints").where("id", "=", endpointId).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "webhook.delete",
      entityType: "webhook_endpoint",
      entityId: endpointId,
      before: { api_key_id: apiKeyId, url: before.url },
    });
  });
  return true;
}

/** Queues a `webhook.test` delivery to this endpoint only. False if unknown. */
export async function sendTestEvent(actor: User, apiKeyId: number, endpointId: number): Promise<boolean> {
  const endpoint = await findEndpoint(apiKeyId, endpointId);
  if (!endpoint) return false;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertDeliveries(
      trx,
      [endpointId],
      TEST_EVENT_TYPE,
      [{ endpoint_id: endpointId, api_key_id: apiKeyId }],
      now,
    );
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "webhook.test",
      entityType: "webhook_endpoint",
      entityId: endpointId,
    });
  });
  return true;
}

export interface DeliveryLogRow {
  id: number;
  eventType: string;
  messageId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string;
}

/** One page of an endpoint's deliveries, newest first. Null when the endpoint is not the key's. */
export async function listDeliveries(
  apiKeyId: number,
  endpointId: number,
  page: number,
): Promise<{ rows: DeliveryLogRow[]; total: number } | null> {
  if (!(await findEndpoint(apiKeyId, endpointId))) return null;
  const [rows, total] = await Promise.all([
    db
      .selectFrom("webhook_outbox")
      .select([
        "id",
        "event_type",
        "message_id",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "created_at",
        "delivered_at",
        "next_attempt_at",
      ])
      .where("endpoint_id", "=", endpointId)
      .orderBy("id", "desc")
      .limit(DELIVERIES_PER_PAGE)
      .offset((page - 1) * DELIVERIES_PER_PAGE)
      .execute(),
    db
      .selectFrom("webhook_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("endpoint_id", "=", endpointId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(total.n),
    rows: rows.map((r) => ({
      id: r.id,
      eventType: r.event_type,
      messageId: r.message_id,
      status: r.status,
      attempts: r.attempts,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
      nextAttemptAt: r.next_attempt_at,
    })),
  };
}
