import type { ApiKeyResource, WebhookEventType } from "~/lib/vocabularies";

/** The resource a key needs to receive each event; null: public data, any key may have it. */
export const EVENT_RESOURCE: Record<WebhookEventType, ApiKeyResource | null> = {
  "signature.confirmed": "signatures",
  "rsvp.confirmed": "attendances",
  "letter.sent": "outreaches",
  "threat.changed": null,
};

/** The type of the event an admin sends by hand from the endpoint's page. */
export const TEST_EVENT_TYPE = "webhook.test";

/** Rows per page of an endpoint's delivery log. */
export const DELIVERIES_PER_PAGE = 20;
