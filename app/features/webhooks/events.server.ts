/**
 * Webhook events: the change that causes one calls an `enqueue…` function with its own
 * transaction, and one `webhook_outbox` row per subscribed endpoint is written there, so the
 * deliveries commit (or roll back) with the change (the outbox pattern, as for mail). The worker
 * (delivery.server.ts) sends them later, outside any transaction.
 *
 * An endpoint gets an event only if it is enabled, its API key is not revoked, it subscribed to
 * the type, and the key has the personal-data resource the event is about (a key without
 * `signatures` never hears of a signature). Payloads are small and carry ids, public fields and
 * links; nothing a person typed that is not already public (see the README's "Webhooks").
 */
import type { Kysely } from "kysely";
import { loadConfig } from "~/config.server";
import { EVENT_RESOURCE } from "~/features/webhooks/constants";
import { newMessageId } from "~/features/webhooks/signing.server";
import type { Database } from "~db/schema";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "~/lib/vocabularies";

export function parseList(value: string): string[] {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

export function parseEventTypes(value: string): WebhookEventType[] {
  const listed = parseList(value);
  return WEBHOOK_EVENT_TYPES.filter((type) => listed.includes(type));
}

/** Ids of the endpoints that receive `type` now (read in the caller's transaction). */
export async function subscribedEndpoints(executor: Kysely<Database>, type: WebhookEventType): Promise<number[]> {
  const rows = await executor
    .selectFrom("webhook_endpoints")
    .innerJoin("api_keys", "api_keys.id", "webhook_endpoints.api_key_id")
    .select(["webhook_endpoints.id", "webhook_endpoints.event_types", "api_keys.resources"])
    .where("webhook_endpoints.enabled", "=", 1)
    .where("api_keys.revoked_at", "is", null)
    .orderBy("webhook_endpoints.id")
    .execute();
  const resource = EVENT_RESOURCE[type];
  return rows
    .filter((row) => parseEventTypes(row.event_types).includes(type))
    .filter((row) => resource === null || parseList(row.resources).includes(resource))
    .map((row) => row.id);
}

/** The body every delivery carries, as the Standard Webhooks specification suggests it. */
export function eventBody(type: string, data: unknown, timestamp: string): string {
  return JSON.stringify({ type, timestamp, data });
}

/** Writes one pending delivery per endpoint and event through `executor`. */
export async function insertDeliveries(
  executor: Kysely<Database>,
  endpointIds: readonly number[],
  type: string,
  payloads: readonly unknown[],
  now: string,
): Promise<number> {
  const rows = endpointIds.flatMap((endpointId) =>
    payloads.map((data) => ({
      endpoint_id: endpointId,
      event_type: type,
      message_id: newMessageId(),
      payload: eventBody(type, data, now),
      status: "pending" as const,
      attempts: 0,
      next_attempt_at: now,
      last_status_code: null,
      last_error: null,
      delivered_at: null,
      created_at: now,
      updated_at: now,
    })),
  );
  // Chunked: SQLite allows a bounded number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) {
    await executor
      .insertInto("webhook_outbox")
      .values(rows.slice(i, i + 50))
      .execute();
  }
  return rows.length;
}

const link = (path: string) => `${loadConfig().appUrl}${path}`;

/** A signature became confirmed (a person's mailed link, or an organisation signing). */
export async function enqueueSignatureConfirmed(
  executor: Kysely<Database>,
  signatureId: number,
  now: string,
): Promise<void> {
  const endpoints = await subscribedEndpoints(executor, "signature.confirmed");
  if (endpoints.length === 0) return;
  const row = await executor
    .selectFrom("signatures")
    .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
    .select([
      "signatures.id",
      "signatures.kind",
      "signatures.name",
      "signatures.jurisdiction_code",
      "signatures.show_publicly",
      "signatures.confirmed_at",
      "signatures.version",
      "open_letters.id as letter_id",
      "open_letters.slug",
    ])
    .where("signatures.id", "=", signatureId)
    .executeTakeFirstOrThrow();
  const data = {
    signature: {
      id: row.id,
      kind: row.kind,
      // The name only where the letter's page shows it: the signer agreed to that, not more.
      name: row.show_publicly ? row.name : null,
      jurisdiction: row.jurisdiction_code,
      letter_version: row.version,
      confirmed_at: row.confirmed_at,
    },
    letter: { id: row.letter_id, slug: row.slug, url: link(`/letters/${encodeURIComponent(row.slug)}`) },
  };
  await insertDeliveries(executor, endpoints, "signature.confirmed", [data], now);
}

/** An RSVP was confirmed through its mailed link: the event and the time, nobody's name. */
export async function enqueueRsvpConfirmed(executor: Kysely<Database>, rsvpId: number, now: string): Promise<void> {
  const endpoints = await subscribedEndpoints(executor, "rsvp.confirmed");
  if (endpoints.length === 0) return;
  const row = await executor
    .selectFrom("event_rsvps")
    .innerJoin("events", "events.id", "event_rsvps.event_id")
    .select(["event_rsvps.id", "event_rsvps.confirmed_at", "events.id as event_id", "events.slug", "events.rsvp_count"])
    .where("event_rsvps.id", "=", rsvpId)
    .executeTakeFirstOrThrow();
  const data = {
    rsvp: { id: row.id, confirmed_at: row.confirmed_at },
    event: { id: row.event_id, slug: row.slug, url: link(`/events/${encodeURIComponent(row.slug)}`) },
  };
  await insertDeliveries(executor, endpoints, "rsvp.confirmed", [data], now);
}

/** Campaign letters the provider accepted for their lawmaker: campaign and lawmaker, not the sender. */
export async function enqueueLettersSent(
  executor: Kysely<Database>,
  letterIds: readonly number[],
  now: string,
): Promise<void> {
  if (letterIds.length === 0) return;
  const endpoints = await subscribedEndpoints(executor, "letter.sent");
  if (endpoints.length === 0) return;
  const payloads: unknown[] = [];
  for (let i = 0; i < letterIds.length; i += 500) {
    const rows = await executor
      .selectFrom("campaign_letters")
      .innerJoin("letter_campaigns", "letter_campaigns.id", "campaign_letters.campaign_id")
      .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
      .select([
        "campaign_letters.id",
        "letter_campaigns.id as campaign_id",
        "letter_campaigns.slug",
        "lawmakers.id as lawmaker_id",
        "lawmakers.name as lawmaker_name",
        "lawmakers.jurisdiction_code",
        "lawmakers.body",
      ])
      .where("campaign_letters.id", "in", letterIds.slice(i, i + 500))
      .orderBy("campaign_letters.id")
      .execute();
    for (const row of rows) {
      payloads.push({
        letter: { id: row.id, sent_at: now },
        campaign: { id: row.campaign_id, slug: row.slug, url: link(`/campaigns/${encodeURIComponent(row.slug)}`) },
        lawmaker: { id: row.lawmaker_id, name: row.lawmaker_name, body: row.body, jurisdiction: row.jurisdiction_code },
      });
    }
  }
  await insertDeliveries(executor, endpoints, "letter.sent", payloads, now);
}

export type ThreatChange = "created" | "step_added" | "step_corrected" | "step_removed" | "outcome_set";

/** A threat was created, or a step or its outcome changed (read after the change, in its transaction). */
export async function enqueueThreatChanged(
  executor: Kysely<Database>,
  threatId: number,
  change: ThreatChange,
  now: string,
  stepId: number | null = null,
): Promise<void> {
  const endpoints = await subscribedEndpoints(executor, "threat.changed");
  if (endpoints.length === 0) return;
  const threat = await executor
    .selectFrom("threats")
    .select(["id", "slug", "title", "jurisdiction_code", "stage", "outcome"])
    .where("id", "=", threatId)
    .executeTakeFirstOrThrow();
  const data = {
    change,
    step_id: stepId,
    threat: {
      id: threat.id,
      slug: threat.slug,
      title: threat.title,
      jurisdiction: threat.jurisdiction_code,
      stage: threat.stage,
      outcome: threat.outcome,
      url: link(`/threats/${encodeURIComponent(threat.slug)}`),
    },
  };
  await insertDeliveries(executor, endpoints, "threat.changed", [data], now);
}
