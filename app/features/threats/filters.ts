import { z } from "zod";
import { CATEGORIES, CLASSIFICATIONS, OUTCOMES, SEVERITIES } from "~/lib/vocabularies";
import { parseStrictParams } from "~/lib/api-params";

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 25;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The list's filters, from the page's query string or the API's. */
export const ThreatFiltersSchema = z.object({
  jurisdiction: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "must be an ISO 3166-1 alpha-2 code, EU or INT"),
  ).describe("Threats of this jurisdiction: an ISO 3166-1 alpha-2 code, EU or INT (any case)."),
  category: optional(z.enum(CATEGORIES)).describe("Threats in this category."),
  stage: optional(z.enum([...CLASSIFICATIONS, "none"])).describe(
    "Threats at this stage of their timeline; `none` for those without a dated step yet.",
  ),
  outcome: optional(z.enum(OUTCOMES)).describe("Threats with this outcome."),
  severity: optional(z.enum(SEVERITIES)).describe("Threats of this severity."),
  year: optional(z.coerce.number().int().min(1990).max(2100)).describe("Threats first seen in this year."),
  q: optional(z.string().trim().max(200, "must be at most 200 characters")).describe(
    "Words to find in the title, short name, identifier or summary.",
  ),
  page: optional(z.coerce.number().int().min(1).max(100_000)).describe("The page to answer, from 1."),
  per_page: optional(z.coerce.number().int().min(1).max(MAX_PER_PAGE)).describe(
    `How many threats a page holds (default ${DEFAULT_PER_PAGE}).`,
  ),
});

export type ThreatFilters = z.infer<typeof ThreatFiltersSchema>;

/**
 * Strict parse for the API: unknown or bad parameters are named in the error. Repeated
 * parameters take the first value.
 */
export function parseThreatFilters(params: URLSearchParams) {
  return parseStrictParams(ThreatFiltersSchema, params);
}

/** Lenient parse for the page: a bad value is dropped rather than failing the whole page. */
export function parseThreatFiltersLeniently(params: URLSearchParams): ThreatFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(ThreatFiltersSchema.shape)) {
    const parsed = schema.safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as ThreatFilters;
}
