import { z } from "zod";
import { SUPPORTED_LOCALES, type Locale } from "~/i18n/config";

/**
 * The staff-written content that has a version per language, its fields, and the limits of each
 * field: the same as the original's form (threats/forms.ts, events/forms.ts, targets/forms.ts).
 * Shared by the browser and the server.
 */
export const CONTENT_TYPES = ["threat", "letter", "event", "target"] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export interface FieldSpec {
  name: string;
  max: number;
  /** One line (a title), or several paragraphs / Markdown. */
  multiline: boolean;
  /** The Markdown of a threat's summary is rendered and sanitised like the original's. */
  markdown: boolean;
}

export const CONTENT_FIELDS: Record<ContentType, readonly FieldSpec[]> = {
  threat: [{ name: "summary", max: 20_000, multiline: true, markdown: true }],
  // An open letter's translation is for information only: people sign the original.
  letter: [
    { name: "title", max: 300, multiline: false, markdown: false },
    { name: "body", max: 50_000, multiline: true, markdown: true },
  ],
  event: [
    { name: "title", max: 160, multiline: false, markdown: false },
    { name: "description", max: 5000, multiline: true, markdown: false },
  ],
  target: [{ name: "title", max: 200, multiline: false, markdown: false }],
};

export function isContentType(value: unknown): value is ContentType {
  return typeof value === "string" && (CONTENT_TYPES as readonly string[]).includes(value);
}

const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAKS = /[\r\n]/;

function fieldSchema(spec: FieldSpec) {
  return z
    .string({ required_error: "validation.required" })
    .trim()
    .max(spec.max, "validation.tooLong")
    .refine(
      (v) => !CONTROL_CHARACTERS.test(v) && (spec.multiline || !LINE_BREAKS.test(v)),
      "validation.controlCharacters",
    )
    .pipe(z.string().min(1, "validation.required"));
}

/** One schema per type, made once: every field of the type is required. */
const SCHEMAS = Object.fromEntries(
  CONTENT_TYPES.map((type) => [
    type,
    z.object({
      intent: z.literal("save"),
      ...Object.fromEntries(CONTENT_FIELDS[type].map((spec) => [spec.name, fieldSchema(spec)])),
    }),
  ]),
) as unknown as Record<ContentType, z.ZodObject<Record<string, z.ZodString | z.ZodLiteral<"save">>>>;

export const translationSchema = (type: ContentType) => SCHEMAS[type];

export const RemoveTranslationSchema = z.object({
  intent: z.literal("remove"),
  confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) }),
});

/** The address of a translation page: `/staff/translations/:type/:id/:locale`. */
export const TranslationAddressSchema = z.object({
  type: z.enum(CONTENT_TYPES, { errorMap: () => ({ message: "translations:validation.type" }) }),
  id: z.coerce
    .number({ invalid_type_error: "translations:validation.id" })
    .int("translations:validation.id")
    .positive("translations:validation.id")
    .max(2 ** 31 - 1, "translations:validation.id"),
  locale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "translations:validation.locale" }) }),
});
export type TranslationAddress = { type: ContentType; id: number; locale: Locale };

/** The staff view's filters (`?type=&locale=&page=`). */
export const OverviewFiltersSchema = z.object({
  type: z.enum(CONTENT_TYPES).optional().catch(undefined),
  locale: z.enum(SUPPORTED_LOCALES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
