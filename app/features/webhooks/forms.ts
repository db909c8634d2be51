import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "~/lib/vocabularies";

/** Registering an endpoint: where, and which events. The address guard runs on the server after this. */
export const WebhookEndpointSchema = z.object({
  intent: z.literal("register"),
  url: z
    .string({ required_error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(2000, "validation.tooLong"),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { errorMap: () => ({ message: "validation.choose" }) }), {
      required_error: "webhooks:errors.events",
    })
    .min(1, "webhooks:errors.events")
    .max(WEBHOOK_EVENT_TYPES.length),
});
export type WebhookEndpointInput = z.infer<typeof WebhookEndpointSchema>;
