import { z } from "zod";
import { isoDate, optionalText, requiredText } from "~/lib/form-fields";
import { LETTER_LANGUAGES } from "~/features/letters/constants";

// Messages are i18n keys: "validation.*" from common, "letters:*" from the letters namespace.

/** How many language rows the forms offer (one per language a letter can be written in). */
export const TEXT_ROWS = LETTER_LANGUAGES.length;

const TextRow = z.object({
  language: z.enum(LETTER_LANGUAGES, { errorMap: () => ({ message: "validation.choose" }) }),
  title: optionalText(300),
  body: z
    .string()
    .max(50_000, "validation.tooLong")
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "validation.controlCharacters")
    .optional(),
});

/**
 * The texts of one version, the first one (the letter's own language) required; further rows
 * are translations, and a row left blank is dropped. Errors keep the row's index in the form.
 */
const Texts = z
  .array(TextRow, { required_error: "validation.required" })
  .min(1, "validation.required")
  .max(TEXT_ROWS, "validation.tooMany")
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const title = row.title?.trim() ?? "";
      const body = row.body?.trim() ?? "";
      if (index > 0 && !title && !body) return;
      if (!title) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, "title"], message: "validation.required" });
      if (!body) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, "body"], message: "validation.required" });
      if (seen.has(row.language))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, "language"],
          message: "letters:validation.language",
        });
      seen.add(row.language);
    });
  })
  .transform((rows) =>
    rows
      .filter((row, index) => index === 0 || row.title?.trim() || row.body?.trim())
      .map((row) => ({ language: row.language, title: (row.title ?? "").trim(), body: (row.body ?? "").trim() })),
  );

export type LetterTextInput = z.output<typeof Texts>[number];

/** Linked threats by their address name (slug), one per line or separated by commas. */
const threatSlugs = z
  .string()
  .max(5_000, "validation.tooLong")
  .optional()
  .transform((v) => [
    ...new Set(
      (v ?? "")
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ])
  .superRefine((slugs, ctx) => {
    if (slugs.length > 30) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "validation.tooMany" });
    if (slugs.some((s) => !/^[a-z0-9-]{1,120}$/.test(s)))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "validation.relatedThreat" });
  });

export const LetterSchema = z
  .object({
    texts: Texts,
    opensOn: isoDate.optional(),
    closesOn: isoDate.optional(),
    goal: z
      .number({ invalid_type_error: "letters:validation.goal" })
      .int("letters:validation.goal")
      .min(1, "letters:validation.goal")
      .max(100_000_000, "letters:validation.goal")
      .optional(),
    threats: threatSlugs,
  })
  .superRefine((value, ctx) => {
    if (value.opensOn && value.closesOn && value.closesOn < value.opensOn)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["closesOn"],
        message: "letters:validation.closesBeforeOpens",
      });
  });
export type LetterInput = z.output<typeof LetterSchema>;

const confirmed = z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) });

/** Staff status changes; each one is confirmed through a second click. */
export const StatusSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("open"), confirm: confirmed }),
    z.object({ intent: z.literal("close"), confirm: confirmed }),
    z.object({
      intent: z.literal("deliver"),
      confirm: confirmed,
      deliveredOn: isoDate,
      deliveredTo: requiredText(300),
    }),
  ],
  { errorMap: () => ({ message: "validation.intent" }) },
);
export type StatusInput = z.output<typeof StatusSchema>;
