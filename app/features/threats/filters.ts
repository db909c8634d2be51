import { z } from "zod";
import { CATEGORIES, CLASSIFICATIONS, OUTCOMES, SEVERITIES } from "./constants";

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
  ),
  category: optional(z.enum(CATEGORIES)),
  stage: optional(z.enum([...CLASSIFICATIONS, "none"])),
  outcome: optional(z.enum(OUTCOMES)),
  severity: optional(z.enum(SEVERITIES)),
  year: optional(z.coerce.number().int().min(1990).max(2100)),
  q: optional(z.string().trim().max(200, "must be at most 200 characters")),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
  per_page: optional(z.coerce.number().int().min(1).max(MAX_PER_PAGE)),
});

export type ThreatFilters = z.infer<typeof ThreatFiltersSchema>;

const KNOWN = new Set(Object.keys(ThreatFiltersSchema.shape));

/**
 * Strict parse for the API: unknown or bad parameters are named in the error. Repeated
 * parameters take the first value.
 */
export function parseThreatFilters(
  params: URLSearchParams,
): { ok: true; filters: ThreatFilters } | { ok: false; errors: Record<string, string> } {
  // No prototype: a parameter named `__proto__` or `toString` is just an unknown parameter.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of params) if (!Object.hasOwn(raw, key)) raw[key] = value;
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) errors[key] = "unknown parameter";
  const result = ThreatFiltersSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) errors[String(issue.path[0])] = issue.message;
  }
  if (Object.keys(errors).length || !result.success) return { ok: false, errors };
  return { ok: true, filters: result.data };
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
