import type { z } from "zod";
import type { Result } from "~/lib/result";

export type StrictParse<T> = Result<{ filters: T }, { errors: Record<string, string> }>;

/**
 * The open-data APIs' strict reading of query parameters: an unknown or bad parameter is named in
 * the errors (the route answers 400 with them). A repeated parameter takes its first value; with
 * `emptyMeansAbsent`, an empty one (a form's untouched field) means no filter.
 */
export function parseStrictParams<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  params: URLSearchParams,
  options: { emptyMeansAbsent?: boolean } = {},
): StrictParse<z.infer<S>> {
  const known = new Set(Object.keys(schema.shape));
  // No prototype: a parameter named `__proto__` or `toString` is just an unknown parameter.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of params) if (!Object.hasOwn(raw, key)) raw[key] = value;
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  const given: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors[key] = "unknown parameter";
    else if (!(options.emptyMeansAbsent && raw[key] === "")) given[key] = raw[key];
  }
  const result = schema.safeParse(given);
  if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] = issue.message;
  if (Object.keys(errors).length || !result.success) return { ok: false, errors };
  return { ok: true, filters: result.data as z.infer<S> };
}
