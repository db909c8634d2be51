import { z } from "zod";
import { requiredText } from "~/lib/form-fields";
import { API_KEY_ACCESS, API_KEY_RESOURCES } from "~/lib/vocabularies";

// Messages are i18n keys (common namespace). Shared by the browser and the server.

export const CreateApiKeySchema = z.object({
  intent: z.literal("create", { errorMap: () => ({ message: "validation.intent" }) }),
  name: requiredText(120),
  access: z.enum(API_KEY_ACCESS, { errorMap: () => ({ message: "apiKeys.validation.access" }) }),
  // No box ticked: Conform sends nothing, which means public data only.
  resources: z
    .array(z.enum(API_KEY_RESOURCES, { errorMap: () => ({ message: "apiKeys.validation.resource" }) }))
    .max(10, "validation.tooMany")
    .optional()
    .transform((values) => [...new Set(values ?? [])]),
});
export type CreateApiKeyInput = z.output<typeof CreateApiKeySchema>;

const confirmed = z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) });

/** Revoking is confirmed through a second step (the page asks, then posts `confirm=yes`). */
export const RevokeApiKeySchema = z.object({
  intent: z.literal("revoke", { errorMap: () => ({ message: "validation.intent" }) }),
  confirm: confirmed,
});
