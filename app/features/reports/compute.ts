/** Small helpers the report's sections share. */
import { db } from "~db/connection";
import type { Breakdown, BreakdownItem, ReportList, ReportUnit, TargetLine } from "~/features/reports/types";

/** A section as its computer returns it, before the previous year's values are attached. */
export interface Sectioned {
  figures: { key: string; value: number; unit: ReportUnit }[];
  breakdowns: Breakdown[];
  lists: ReportList[];
  targets?: TargetLine[];
}

export function countBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = keyOf(row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function sumBy<T>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  amount: (row: T) => number,
): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + amount(row));
  return sums;
}

/**
 * A breakdown's items: in the vocabulary's order when one is given (every term, zeros included, so
 * that two years line up), otherwise largest first, ties by key.
 */
export function itemsOf(values: Map<string, number>, order?: readonly string[]): BreakdownItem[] {
  if (order) return order.map((key) => ({ key, value: values.get(key) ?? 0 }));
  return [...values]
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/** The middle value (the mean of the two middle ones for an even count), rounded; 0 for none. */
export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m);
}

/** Whole days from one YYYY-MM-DD (or ISO timestamp) to another, never negative. */
export function daysBetween(from: string, to: string): number {
  const start = Date.parse(from.slice(0, 10));
  const end = Date.parse(to.slice(0, 10));
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, Math.round((end - start) / 86_400_000)) : 0;
}

/** The codes of jurisdictions that are countries (not the EU, not international fora). */
export async function countryCodes(): Promise<Set<string>> {
  const rows = await db.selectFrom("jurisdictions").select("code").where("kind", "=", "country").execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * The region of each jurisdiction that has a chapter with a region (the regions of chapters, as the
 * advocacy log files them); where chapters of one jurisdiction disagree, the first by name wins.
 */
export async function regionOfJurisdiction(): Promise<Map<string, string>> {
  const chapters = await db
    .selectFrom("chapters")
    .select(["jurisdiction_code", "region"])
    .where("region", "is not", null)
    .orderBy("name")
    .orderBy("id")
    .execute();
  const regions = new Map<string, string>();
  for (const c of chapters)
    if (c.region && !regions.has(c.jurisdiction_code)) regions.set(c.jurisdiction_code, c.region);
  return regions;
}
