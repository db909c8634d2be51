/** The columns of the lawmakers CSV, in the documented order (any order is read). */
export const IMPORT_COLUMNS = [
  "name",
  "title",
  "body",
  "jurisdiction",
  "constituency",
  "party",
  "email",
  "contact_url",
  "source_url",
  "verified_on",
] as const;
/** Columns a file may leave out: absent, every row reads them as empty. */
export const OPTIONAL_IMPORT_COLUMNS = ["ocd_division_id"] as const;
/** Every column a row is read as (the required ones, then the optional ones). */
export const ROW_COLUMNS = [...IMPORT_COLUMNS, ...OPTIONAL_IMPORT_COLUMNS] as const;
export type ImportColumn = (typeof ROW_COLUMNS)[number];

/** The largest file accepted, in bytes (20,000 rows of a typical list fit well under it). */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024;
/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 20_000;

export const MAX_LENGTH = {
  name: 200,
  title: 120,
  body: 200,
  constituency: 200,
  party: 120,
  email: 254,
  url: 2000,
} as const;

/** A lawmaker whose details were last checked longer ago than this (or never) is stale. */
export const STALE_AFTER_YEARS = 1;

/** The day before which a verification is stale, as `YYYY-MM-DD` (UTC). */
export function staleBefore(now: Date = new Date()): string {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear() - STALE_AFTER_YEARS, now.getUTCMonth(), now.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

export function isStale(verifiedOn: string | null, now: Date = new Date()): boolean {
  return !verifiedOn || verifiedOn < staleBefore(now);
}
