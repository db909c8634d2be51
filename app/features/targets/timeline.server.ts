/**
 * A target's progress through its year: the cumulative value at the end of each month, against
 * the goal. Grouped here over the target's own drill-down rows (bounded by the metric), so the
 * line is built from the very rows that make the figure.
 */
import type { TargetDrilldown } from "~/features/targets/progress.server";
import { cumulative, fillPeriods, monthsOf, type PeriodCount } from "~/lib/periods";

/**
 * Null where a month-by-month line would not add up to the figure: shares (a percentage is not
 * a running total), manual figures, and metrics whose value is not the sum of their counted rows
 * (e.g. distinct countries), or whose counted rows are not all dated within the year.
 */
export function progressByMonth(detail: TargetDrilldown, now = new Date()): PeriodCount[] | null {
  if (detail.unit === "percent" || detail.target.metric === "manual") return null;
  const year = detail.target.year;
  const counted = detail.rows.filter((r) => r.counted);
  const dated = counted.filter((r) => r.date?.startsWith(String(year)));
  if (dated.length !== counted.length) return null;
  const monthly = dated.map((r) => ({ period: (r.date ?? "").slice(0, 7), value: r.amount ?? 1 }));
  const total = monthly.reduce((sum, m) => sum + m.value, 0);
  if (total !== detail.value) return null;
  // The current year stops at the current month: the months ahead have nothing to say yet.
  const thisMonth = now.toISOString().slice(0, 7);
  const months = monthsOf(year).filter((m) => m <= thisMonth);
  if (months.length === 0) return null;
  return cumulative(fillPeriods(months, monthly));
}
