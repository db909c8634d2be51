import { z } from "zod";
import { isoDate, optionalText, requiredText } from "~/lib/form-fields";
import { LETTER_LANGUAGES, SIGNATURE_STATUSES } from "~/features/letters/constants";
import { idField } from "~/lib/ids";
import { SIGNATURE_KINDS, BLOCKLIST_KINDS } from "~/lib/vocabularies";

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

/**
 * Linked threats by their address name (slug): the picker posts one value per chosen threat; a
 * single text (one per line or separated by commas) is read the same way.
 */
const threatSlugs = z
  .preprocess((v) => (Array.isArray(v) ? v.join("\n") : v), z.string().max(5_000, "validation.tooLong").optional())
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

// Messages are i18n keys: common `validation.*`, or `signatures:validation.*` for this form's own.
// Shared by the browser (Conform's client validation) and the server, so both say the same thing.

/** A field people never see (hidden by CSS and from assistive technology); bots fill it in. */
export const SIGNATURE_HONEYPOT_FIELD = "website_url";

export function isSignatureHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(SIGNATURE_HONEYPOT_FIELD);
  return typeof value === "string" ? value.trim() !== "" : value !== null;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// Markup has no place in a name: refusing `<` and `>` keeps "<script>" out of the signatories list.
const MARKUP = /[<>]/;

function text(max: number, requiredMessage?: string) {
  const base = z
    .string({ required_error: requiredMessage ?? "validation.required" })
    .trim()
    .max(max, "signatures:validation.tooLong")
    .refine((v) => !CONTROL_CHARACTERS.test(v), "validation.controlCharacters")
    .refine((v) => !MARKUP.test(v), "signatures:validation.markup");
  return base;
}

const email = z
  .string({ required_error: "validation.email.required" })
  .trim()
  .max(254, "validation.email.tooLong")
  .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
  .pipe(z.string().email("validation.email.invalid"));

export const IndividualSignatureSchema = z.object({
  intent: z.literal("individual"),
  name: text(120, "signatures:validation.nameRequired").pipe(z.string().min(1, "signatures:validation.nameRequired")),
  affiliation: text(200).optional(),
  jurisdiction: z
    .string({ required_error: "validation.jurisdiction" })
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
  email,
  showPublicly: z.boolean().optional().default(false),
});
export type IndividualSignatureInput = z.infer<typeof IndividualSignatureSchema>;

export const OrganisationSignatureSchema = z.object({ intent: z.literal("organisation") });

export const SignSchema = z.discriminatedUnion("intent", [IndividualSignatureSchema, OrganisationSignatureSchema], {
  errorMap: () => ({ message: "validation.intent" }),
});
export type SignInput = z.infer<typeof SignSchema>;

export const SignatureFiltersSchema = z.object({
  status: z.enum(SIGNATURE_STATUSES).optional().catch(undefined),
  kind: z.enum(SIGNATURE_KINDS).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type SignatureFilters = z.infer<typeof SignatureFiltersSchema>;

export const ModerationSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("reject"),
      ids: z
        .array(idField(), { required_error: "signatures:validation.selectSome" })
        .min(1, "signatures:validation.selectSome")
        .max(10_000, "validation.tooMany"),
      reason: text(500, "signatures:validation.reasonRequired").pipe(
        z.string().min(1, "signatures:validation.reasonRequired"),
      ),
    }),
    z.object({
      intent: z.literal("block"),
      kind: z.enum(BLOCKLIST_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
      value: text(254, "validation.required").pipe(z.string().min(1, "validation.required")),
      reason: text(500).optional(),
    }),
    z.object({ intent: z.literal("unblock"), id: idField() }),
  ],
  { errorMap: () => ({ message: "validation.intent" }) },
);
export type ModerationInput = z.infer<typeof ModerationSchema>;
