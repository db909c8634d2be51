import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type { WebhookDeliveryStatus, WebhookDisabledReason } from "../../app/lib/vocabularies";

/** An address an admin registered for an API key, with the events it receives. */
export interface WebhookEndpointsTable extends Timestamps {
  id: Generated<number>;
  api_key_id: number;
  /** https:// (http:// only with WEBHOOK_ALLOW_PRIVATE outside production). */
  url: string;
  /** JSON array of event types, e.g. `["signature.confirmed","threat.changed"]`. */
  event_types: string;
  /** The Standard Webhooks signing secret, `whsec_` + base64 of 24 random bytes. */
  secret: string;
  enabled: number;
  /** Why it is off: an admin turned it off, or its deliveries kept failing. */
  disabled_reason: WebhookDisabledReason | null;
  /** Deliveries given up in a row since the last success; at the limit the endpoint is disabled. */
  consecutive_failures: number;
  created_by: number | null;
}

/** The outbox of outbound webhooks: one row per event and endpoint. */
export interface WebhookOutboxTable extends Timestamps {
  id: Generated<number>;
  endpoint_id: number;
  event_type: string;
  /** The `webhook-id` header: the same on every attempt, so receivers can drop repeats. */
  message_id: string;
  /** The JSON body, exactly as signed and sent. */
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When due while pending; the end of the worker's lease while sending. */
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
}
