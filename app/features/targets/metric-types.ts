import type { TargetFilter } from "~/features/targets/catalogue";
import { type Unit } from "~/lib/vocabularies";

/** One row behind a number, for the drill-down. Rows hold data only; pages translate the tags. */
export interface MetricRow {
  /** Stable key, e.g. "threat:12". */
  key: string;
  /** A name or title; null for a member that did not agree to be listed publicly. */
  label: string | null;
  href: string | null;
  /** YYYY-MM-DD (or an ISO timestamp) that places the row in the year. */
  date: string | null;
  jurisdiction: string | null;
  /** A translation key (with namespace) qualifying the row, e.g. "threats:outcome.mitigated". */
  tag: string | null;
  /** What the row adds up to (actions logged, people reached, letters sent), when it is a sum. */
  amount: number | null;
  /** Whether the row counts towards the value (share metrics list their whole denominator). */
  counted: boolean;
}

export interface MetricResult {
  value: number;
  unit: Unit;
  /** Only when asked for (the drill-down and snapshots); page totals use aggregate queries. */
  rows?: MetricRow[];
  /** For shares: numerator and denominator, so that the page can say "3 of 4". */
  parts?: { counted: number; total: number };
}

export interface MetricContext {
  year: number;
  filter: TargetFilter;
  withRows: boolean;
}

export type MetricComputer = (context: MetricContext) => Promise<MetricResult>;

/** A percentage with one decimal, 0 when there is nothing to divide by. */
export function share(counted: number, total: number): number {
  return total > 0 ? Math.round((counted / total) * 1000) / 10 : 0;
}

/** A share metric's result from its numerator and denominator. */
export function shareResult(counted: number, total: number, rows?: MetricRow[]): MetricResult {
  return { value: share(counted, total), unit: "percent", parts: { counted, total }, ...(rows ? { rows } : {}) };
}

/** A share metric's result from its drill-down rows (the whole denominator, some counted). */
export function shareOfRows(rows: MetricRow[]): MetricResult {
  return shareResult(rows.filter((r) => r.counted).length, rows.length, rows);
}
