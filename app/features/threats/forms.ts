import { z } from "zod";
import { httpUrl, isoDate, optionalText, requiredText } from "~/lib/form-fields";
import {
  CATEGORIES,
  CLASSIFICATIONS,
  OUTCOMES,
  RELATIONS,
  SEVERITIES,
  STANCES,
  STATEMENT_KINDS,
  THREAT_KINDS,
} from "~/lib/vocabularies";
import { idField } from "~/lib/ids";
import { SUPPORTED_LOCALES } from "~/i18n/config";

const jurisdiction = z
  .string({ required_error: "validation.required" })
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction");

export const ThreatSchema = z.object({
  jurisdiction,
  kind: z.enum(THREAT_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
  identifier: optionalText(60),
  title: requiredText(300),
  shortName: optionalText(120),
  summary: z.string().trim().max(20_000, "validation.tooLong").optional(),
  /** The language the text is written in; absent keeps the stored one (or English for a new item). */
  originalLocale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.choose" }) }).optional(),
  categories: z
    .array(z.enum(CATEGORIES, { errorMap: () => ({ message: "validation.choose" }) }))
    .min(1, "validation.categories")
    .max(CATEGORIES.length),
  severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "validation.choose" }) }),
  firstSeenOn: isoDate,
  /** One source per line; an error names the field, not the line. */
  sources: z
    .string()
    .max(20_000, "validation.tooLong")
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .superRefine((lines, ctx) => {
      if (lines.length > 30) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "validation.tooMany" });
      if (lines.some((line) => !httpUrl.safeParse(line).success))
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "validation.url" });
    }),
  relatedSlug: z.string().trim().max(120).optional(),
  relation: z.enum(RELATIONS).optional(),
});
export type ThreatInput = z.infer<typeof ThreatSchema>;

export const StepSchema = z.object({
  // A step of the bill (introduced, passed…); the form posts it as intent "action".
  intent: z.literal("action"),
  occurredOn: isoDate,
  classification: z.enum(CLASSIFICATIONS, { errorMap: () => ({ message: "validation.choose" }) }),
  note: optionalText(2000),
  sourceUrl: httpUrl.optional(),
});
export type StepInput = z.infer<typeof StepSchema>;

/** A correction of a recorded step: the same fields as adding one. */
export const StepCorrectionSchema = StepSchema.extend({ intent: z.literal("correct") });
export type StepCorrectionInput = z.infer<typeof StepCorrectionSchema>;

/** Removing a recorded step; asked twice (ConfirmAction posts confirm=yes). */
export const StepRemovalSchema = z.object({
  intent: z.literal("delete"),
  confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) }),
});

export const OutcomeSchema = z.object({
  intent: z.literal("outcome"),
  outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: "validation.choose" }) }),
  reason: requiredText(2000),
  decidedOn: isoDate,
});
export type OutcomeInput = z.infer<typeof OutcomeSchema>;

export { jurisdiction };

export const StatementSchema = z.object({
  speaker: requiredText(200),
  speakerRole: optionalText(200),
  body: optionalText(200),
  jurisdiction,
  statedOn: isoDate,
  stance: z.enum(STANCES, { errorMap: () => ({ message: "validation.choose" }) }),
  kind: z.enum(STATEMENT_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
  quote: optionalText(5000),
  url: httpUrl.optional(),
  threatSlug: z.string().trim().max(120).optional(),
});
export type StatementInput = z.infer<typeof StatementSchema>;

export const ProposalSchema = z.object({
  kind: z.enum(THREAT_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
  identifier: optionalText(60),
  title: requiredText(300),
  summary: optionalText(5000),
  sourceUrl: httpUrl.optional(),
});

export const ReviewSchema = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("accepted"),
    proposalId: idField(),
    severity: z.enum(SEVERITIES, { errorMap: () => ({ message: "validation.choose" }) }),
    categories: z.array(z.enum(CATEGORIES)).min(1, "validation.categories"),
  }),
  z.object({
    decision: z.literal("merged"),
    proposalId: idField(),
    intoSlug: requiredText(120),
    reason: optionalText(2000),
  }),
  z.object({
    decision: z.literal("rejected"),
    proposalId: idField(),
    reason: requiredText(2000),
  }),
]);
