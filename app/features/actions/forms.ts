import { z } from "zod";
import { ACTION_KINDS, ACTION_REVIEW_STATUSES } from "~/lib/vocabularies";
import { httpUrl, optionalText, requiredText } from "~/lib/form-fields";
import { idField } from "~/lib/ids";

const isoDate = z
  .string({ required_error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "validation.date",
  );

/** The latest date anywhere on Earth (UTC+14) is at most the day after today in UTC. */
function latestDateOnEarth(now = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

// Messages are i18n keys (see components/forms.tsx); `actions:` ones live in this area's namespace.
export const ActionSchema = z.object({
  kind: z.enum(ACTION_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
  occurredOn: isoDate
    .refine((v) => v >= "2000-01-01" && v <= "2100-12-31", "validation.date")
    .refine((v) => v <= latestDateOnEarth(), "actions:validation.future"),
  description: requiredText(5000),
  policymakers: optionalText(1000),
  threatId: idField().max(1e12).optional(),
  outcome: optionalText(2000),
  evidenceUrl: httpUrl.optional(),
});
export type ActionInput = z.infer<typeof ActionSchema>;

/** Staff decision on a pending action; asking for changes needs a comment the logger will read. */
export const ReviewSchema = z
  .object({
    actionId: idField().max(1e12),
    decision: z.enum(["accepted", "needs_changes"], { errorMap: () => ({ message: "validation.choose" }) }),
    comment: optionalText(2000),
  })
  .refine((v) => v.decision !== "needs_changes" || !!v.comment, {
    path: ["comment"],
    message: "actions:validation.commentRequired",
  });

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The staff queue's filters; a bad value is dropped. Status defaults to the pending queue. */
export const ReviewFiltersSchema = z.object({
  status: optional(z.enum(ACTION_REVIEW_STATUSES)),
  kind: optional(z.enum(ACTION_KINDS)),
  chapter: optional(idField().max(1e12)),
  year: optional(z.coerce.number().int().min(2000).max(2100)),
});
export type ReviewFilters = z.infer<typeof ReviewFiltersSchema>;

export function parseReviewFilters(params: URLSearchParams): ReviewFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ReviewFiltersSchema.shape)) {
    const parsed = schema.safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as ReviewFilters;
}
