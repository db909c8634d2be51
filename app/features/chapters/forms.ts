import { z } from "zod";
import { REGIONS } from "~/lib/vocabularies";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { requiredText } from "~/lib/form-fields";
import { idField } from "~/lib/ids";
import { CHAPTER_KINDS, CHAPTER_STATUSES } from "~/lib/vocabularies";

const choose = () => ({ errorMap: () => ({ message: "validation.choose" }) });
const singleLine = (max: number) => requiredText(max).refine((v) => !/[\r\n]/.test(v), "validation.controlCharacters");

// Messages are i18n keys (see components/forms.tsx).
export const ChapterSchema = z.object({
  name: singleLine(120),
  jurisdiction: z
    .string({ required_error: "validation.required" })
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
  kind: z.enum(CHAPTER_KINDS, choose()),
  status: z.enum(CHAPTER_STATUSES, choose()),
  region: z.enum(REGIONS, choose()).optional(),
});
export type ChapterInput = z.infer<typeof ChapterSchema>;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The staff list's filters (query string); a bad value is dropped, not an error. */
export const ChapterFiltersSchema = z.object({
  region: optional(z.enum(REGIONS)),
  jurisdiction: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/),
  ),
  kind: optional(z.enum(CHAPTER_KINDS)),
  status: optional(z.enum(CHAPTER_STATUSES)),
  year: optional(z.coerce.number().int().min(2000).max(2100)),
});
export type ChapterFilters = z.infer<typeof ChapterFiltersSchema>;

export function parseChapterFilters(params: URLSearchParams): ChapterFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ChapterFiltersSchema.shape)) {
    const parsed = schema.safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as ChapterFilters;
}

/** A lead invites chapter members; staff may also invite a lead. */
export const MemberInviteSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ required_error: "validation.email.required" })
    .trim()
    .max(254, "validation.email.tooLong")
    .email("validation.email.invalid")
    .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
    .transform((value) => value.toLowerCase()),
  name: singleLine(120),
  role: z.enum(["chapter_member", "chapter_lead"], choose()).default("chapter_member"),
  locale: z.enum(SUPPORTED_LOCALES).default("en"),
});

export const MemberRemoveSchema = z.object({
  intent: z.literal("remove"),
  userId: idField(),
  confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) }),
});
