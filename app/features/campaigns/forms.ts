import { z } from "zod";
import { optionalText } from "~/lib/form-fields";
import { templateErrorMessage, validateTemplate } from "~/features/campaigns/template";
import { MAX_ID } from "~/lib/ids";
import { RECIPIENT_MODES } from "~/lib/vocabularies";

// Messages are i18n keys: common `validation.*`, `campaigns:*` for this area. Template errors are
// `campaigns:template.<code>|<variable>` (the forms split them to name the variable).

export const CAMPAIGN_LANGUAGES = ["en", "fr"] as const;
export type CampaignLanguage = (typeof CAMPAIGN_LANGUAGES)[number];
export const MAX_SUBJECT_VARIANTS = 10;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Subject variants, one per line; each a template on one line. */
export function parseSubjectLines(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const LanguageTexts = z.object({
  title: optionalText(200),
  introduction: optionalText(5_000),
  subjects: optionalText(3_000),
  body: z
    .string()
    .max(20_000, "validation.tooLong")
    .refine((v) => !CONTROL.test(v), "validation.controlCharacters")
    .optional(),
});
export type LanguageTextsInput = z.output<typeof LanguageTexts>;

export function isBlankLanguage(texts: LanguageTextsInput | undefined): boolean {
  return !texts || (!texts.title && !texts.introduction && !texts.subjects && !texts.body?.trim());
}

/** One address, optionally with a display name: `letters@example.org`, `Letters <letters@example.org>`. */
export function parseSendingAddress(value: string): { address: string } | null {
  if (/[\r\n\u0000-\u001f\u007f]/.test(value) || value.length > 200) return null;
  const trimmed = value.trim();
  const named = /^([^<>,;"@]*)<([^\s<>,;"()]+@[^\s<>,;"()@]+)>$/.exec(trimmed);
  const address = named ? named[2] : trimmed;
  if (!/^[^\s<>,;"()@]+@[^\s<>,;"()@]+\.[^\s<>,;"()@]+$/.test(address)) return null;
  return z.string().email().safeParse(address).success ? { address } : null;
}

export const CampaignSchema = z
  .object({
    threat: z.number({
      required_error: "campaigns:validation.threat",
      invalid_type_error: "campaigns:validation.threat",
    }),
    recipientMode: z.enum(RECIPIENT_MODES, { errorMap: () => ({ message: "validation.choose" }) }),
    ruleJurisdiction: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction")
      .optional(),
    ruleBody: optionalText(200),
    ruleConstituencies: optionalText(5_000),
    senderPicksConstituency: z.boolean().optional().default(false),
    lawmakers: z.array(z.number().int().positive().max(MAX_ID)).max(2_000, "validation.tooMany").optional().default([]),
    fallback: z.number().int().positive().max(MAX_ID).optional(),
    sendingAddress: z
      .string({ required_error: "validation.required" })
      .max(200, "validation.tooLong")
      .refine((v) => parseSendingAddress(v) !== null, "campaigns:validation.sendingAddress")
      .transform((v) => v.trim()),
    en: LanguageTexts.optional(),
    fr: LanguageTexts.optional(),
  })
  .superRefine((value, ctx) => {
    const present = CAMPAIGN_LANGUAGES.filter((l) => !isBlankLanguage(value[l]));
    if (present.length === 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["en", "title"], message: "campaigns:validation.oneLanguage" });
    }
    for (const language of present) {
      const texts = value[language] as LanguageTextsInput;
      for (const field of ["title", "introduction", "subjects", "body"] as const) {
        if (!texts[field]?.trim()) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [language, field], message: "validation.required" });
        }
      }
      const subjects = parseSubjectLines(texts.subjects);
      if (subjects.length > MAX_SUBJECT_VARIANTS) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [language, "subjects"], message: "validation.tooMany" });
      }
      for (const message of new Set(subjects.flatMap((s) => validateTemplate(s).map(templateErrorMessage)))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [language, "subjects"], message });
      }
      for (const message of new Set(validateTemplate(texts.body ?? "").map(templateErrorMessage))) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [language, "body"], message });
      }
    }
  });
export type CampaignInput = z.output<typeof CampaignSchema>;

const confirmed = z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) });

/** Staff status changes, each confirmed by a second click. */
export const CampaignStatusSchema = z.object({
  intent: z.enum(["open", "pause", "resume", "close"], { errorMap: () => ({ message: "validation.intent" }) }),
  confirm: confirmed,
});
export type CampaignStatusInput = z.output<typeof CampaignStatusSchema>;

/** A field people never see; bots fill it in. */
export const SEND_HONEYPOT_FIELD = "website_url";

const personText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .refine((v) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(v), "validation.controlCharacters");

/** The public form: step one previews the letters (`preview`), step two sends them (`send`). */
export const SendLettersSchema = z.object({
  intent: z.enum(["preview", "send"], { errorMap: () => ({ message: "validation.intent" }) }),
  place: z.string().trim().max(200, "validation.tooLong").optional(),
  name: z
    .string({ required_error: "campaigns:validation.nameRequired" })
    .pipe(personText(120).pipe(z.string().min(1, "campaigns:validation.nameRequired"))),
  email: z
    .string({ required_error: "validation.email.required" })
    .trim()
    .max(254, "validation.email.tooLong")
    .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
    .pipe(z.string().email("validation.email.invalid")),
  locality: personText(120).optional(),
  personalNote: z
    .string()
    .max(2_000, "validation.tooLong")
    .refine((v) => !CONTROL.test(v), "validation.controlCharacters")
    .optional(),
});
export type SendLettersInput = z.output<typeof SendLettersSchema>;
