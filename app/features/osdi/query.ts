/**
 * The query parameters of the OSDI collections: `page`, `per_page` and the OData-style
 * `filter=modified_date gt '2026-01-01T00:00:00Z'` (also `lt`, and both joined by `and`) that
 * OSDI clients use for incremental sync. Read strictly: anything else is named in a 400.
 */
import type { Result } from "~/lib/result";

export const OSDI_DEFAULT_PER_PAGE = 25;
export const OSDI_MAX_PER_PAGE = 100;
const MAX_PAGE = 100_000;

export interface ModifiedDateFilter {
  /** ISO 8601 in UTC: rows modified strictly after. */
  after?: string;
  /** ISO 8601 in UTC: rows modified strictly before. */
  before?: string;
}

export interface CollectionQuery {
  page: number;
  perPage: number;
  modified: ModifiedDateFilter;
}

const CLAUSE = /^modified_date\s+(gt|lt)\s+'(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2}))'$/;

/** A strict ISO 8601 instant with a zone, as a UTC ISO string; null when it is not one. */
function instant(value: string): string | null {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates that JavaScript would roll over (2026-02-31 becomes 2026-03-03).
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m! - 1 || probe.getUTCDate() !== d) return null;
  return date.toISOString();
}

export function parseModifiedDateFilter(raw: string): Result<{ filter: ModifiedDateFilter }, { message: string }> {
  const clauses = raw.trim().split(/\s+and\s+/i);
  const invalid = {
    ok: false as const,
    message:
      "filter must be modified_date gt '<ISO 8601 date-time>' or modified_date lt '<…>', or both joined by and, " +
      "e.g. modified_date gt '2026-01-01T00:00:00Z'",
  };
  if (raw.length > 200 || clauses.length > 2) return invalid;
  const filter: ModifiedDateFilter = {};
  for (const clause of clauses) {
    const match = CLAUSE.exec(clause.trim());
    if (!match) return invalid;
    const when = instant(match[2]!);
    if (!when) return { ok: false, message: `filter: ${match[2]} is not a valid date-time` };
    const key = match[1] === "gt" ? "after" : "before";
    if (filter[key]) return invalid;
    filter[key] = when;
  }
  return { ok: true, filter };
}

function positiveInteger(value: string, max: number): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= max ? n : null;
}

/** Reads page, per_page and filter; an unknown parameter or a bad value is named in `errors`. */
export function parseCollectionQuery(
  params: URLSearchParams,
): Result<{ query: CollectionQuery }, { errors: Record<string, string> }> {
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  const seen = new Set<string>();
  const query: CollectionQuery = { page: 1, perPage: OSDI_DEFAULT_PER_PAGE, modified: {} };
  for (const [key, value] of params) {
    if (seen.has(key)) {
      errors[key] = "given more than once";
      continue;
    }
    seen.add(key);
    if (key === "page") {
      const page = positiveInteger(value, MAX_PAGE);
      if (page === null) errors.page = `must be a whole number from 1 to ${MAX_PAGE}`;
      else query.page = page;
    } else if (key === "per_page") {
      const perPage = positiveInteger(value, OSDI_MAX_PER_PAGE);
      if (perPage === null) errors.per_page = `must be a whole number from 1 to ${OSDI_MAX_PER_PAGE}`;
      else query.perPage = perPage;
    } else if (key === "filter") {
      const parsed = parseModifiedDateFilter(value);
      if (parsed.ok) query.modified = parsed.filter;
      else errors.filter = parsed.message;
    } else {
      errors[key.slice(0, 100)] = "unknown parameter";
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, query };
}
