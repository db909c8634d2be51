import { z } from "zod";
import { httpUrl, optionalText, requiredText } from "~/lib/form-fields";
import {
  FILTER_KEYS,
  FILTER_VALUES,
  KIND_VOCABULARIES,
  METRIC_KEYS,
  METRICS,
  type FilterKey,
  type MetricKey,
} from "~/features/targets/catalogue";
import { MAX_ID } from "~/lib/ids";
import type { Nothing, Result } from "~/lib/result";
import { UNITS } from "~/lib/vocabularies";
import { SUPPORTED_LOCALES } from "~/i18n/config";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

const YEAR_MESSAGE = `expected a year between ${MIN_YEAR} and ${MAX_YEAR}, e.g. 2024`;

/** The query parameters of `GET /api/v1/targets`: the year, four digits within the range. */
export const TargetApiParamsSchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, YEAR_MESSAGE)
    .pipe(z.coerce.number().int().min(MIN_YEAR, YEAR_MESSAGE).max(MAX_YEAR, YEAR_MESSAGE))
    .optional()
    .describe(`The year, from ${MIN_YEAR} to ${MAX_YEAR}; the current year when absent.`),
});

/** A year query parameter: absent, or four digits within the range. */
export function parseYear(raw: string | null, fallback: number): Result<{ year: number }, Nothing> {
  if (raw === null || raw === "") return { ok: true, year: fallback };
  if (!/^\d{4}$/.test(raw)) return { ok: false };
  const year = Number(raw);
  return year >= MIN_YEAR && year <= MAX_YEAR ? { ok: true, year } : { ok: false };
}

const filterValue = z.string().trim().max(40, "validation.tooLong").optional();
const amount = (message: string) =>
  z
    .number({ invalid_type_error: message, required_error: "validation.required" })
    .finite(message)
    .min(0, message)
    .max(1_000_000_000_000, message);

// Messages are translation keys (see components/forms.tsx); ours carry their namespace.
export const TargetSchema = z
  .object({
    year: z
      .number({ invalid_type_error: "targets:validation.year", required_error: "validation.required" })
      .int("targets:validation.year")
      .min(MIN_YEAR, "targets:validation.year")
      .max(MAX_YEAR, "targets:validation.year"),
    title: requiredText(200),
    /** The language the text is written in; absent keeps the stored one (or English for a new item). */
    originalLocale: z.enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "validation.choose" }) }).optional(),
    metric: z.enum(METRIC_KEYS as [MetricKey, ...MetricKey[]], { errorMap: () => ({ message: "validation.choose" }) }),
    category: filterValue,
    jurisdiction: filterValue,
    sector: filterValue,
    kind: filterValue,
    stance: filterValue,
    severity: filterValue,
    region: filterValue,
    goal: amount("targets:validation.goal"),
    manualValue: amount("targets:validation.amount").optional(),
    manualUnit: z.enum(UNITS, { errorMap: () => ({ message: "validation.choose" }) }).optional(),
    manualEvidence: optionalText(2000),
    manualEvidenceUrl: httpUrl.optional(),
  })
  .superRefine((input, ctx) => {
    const info = METRICS[input.metric];
    for (const key of FILTER_KEYS) {
      const value = input[key];
      if (!value) continue;
      if (!(info.filters as readonly FilterKey[]).includes(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "targets:validation.filterNotAllowed" });
        continue;
      }
      const allowed =
        key === "kind"
          ? "kinds" in info
            ? KIND_VOCABULARIES[info.kinds]
            : []
          : key === "jurisdiction"
            ? null
            : FILTER_VALUES[key];
      if (key === "jurisdiction" && !/^([A-Z]{2}|EU|INT)$/.test(value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "validation.jurisdiction" });
      }
      if (allowed && !allowed.includes(value)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: "validation.choose" });
      }
    }
    if (input.metric === "manual") {
      if (input.manualValue === undefined)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["manualValue"], message: "validation.required" });
      if (!input.manualEvidence)
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["manualEvidence"], message: "targets:validation.evidence" });
    }
    const unit = input.metric === "manual" ? (input.manualUnit ?? "count") : METRICS[input.metric].unit;
    if (unit === "percent" && input.goal > 100)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["goal"], message: "targets:validation.percent" });
    if (input.metric === "manual" && unit === "percent" && (input.manualValue ?? 0) > 100)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["manualValue"], message: "targets:validation.percent" });
  });
export type TargetInput = z.infer<typeof TargetSchema>;

/** The staff list's small forms: move, delete, retake a snapshot. */
export const TargetCommandSchema = z.object({
  intent: z.enum(["up", "down", "delete", "snapshot"], { errorMap: () => ({ message: "validation.intent" }) }),
  targetId: z.number({ invalid_type_error: "validation.intent" }).int().positive().max(MAX_ID),
  confirm: z.literal("yes", { errorMap: () => ({ message: "validation.confirm" }) }).optional(),
});
