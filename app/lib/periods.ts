/**
 * Days (YYYY-MM-DD) and months (YYYY-MM) as chart columns. Aggregate queries group by the first
 * 10 or 7 characters of an ISO date, which SQLite and PostgreSQL both select with `substr`; the
 * periods without a row are filled here with zero, so a quiet day reads as a gap, not as missing.
 */

export interface PeriodCount {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string;
  value: number;
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Every day from `first` to `last` inclusive, keeping only the latest `max` of them. */
export function dayRange(first: string, last: string, max = 92): string[] {
  if (first > last) return [];
  const days: string[] = [];
  for (let day = last; day >= first && days.length < max; day = addDays(day, -1)) days.push(day);
  return days.reverse();
}

/** The twelve months of a year, YYYY-01 to YYYY-12. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
}

/** One value per period, in the order given, zero where no row has that period. */
export function fillPeriods(periods: string[], rows: Iterable<{ period: string; value: number }>): PeriodCount[] {
  const values = new Map<string, number>();
  for (const row of rows) values.set(row.period, (values.get(row.period) ?? 0) + row.value);
  return periods.map((period) => ({ period, value: values.get(period) ?? 0 }));
}

/**
 * Per-day counts from the first day with a row (or `from`, when earlier) to `until` (or the last
 * day with a row, when later or not given), the latest
 * `max` days of that span; nothing when there are no rows at all.
 */
export function dailySeries(
  rows: Array<{ period: string; value: number }>,
  until: string | null,
  options: { from?: string | null; max?: number } = {},
): PeriodCount[] {
  if (rows.length === 0) return [];
  const days = rows.map((r) => r.period).sort();
  const first = options.from && options.from < days[0] ? options.from : days[0];
  const last = until && until > days[days.length - 1] ? until : days[days.length - 1];
  return fillPeriods(dayRange(first, last, options.max), rows);
}

/** Running totals of a series. */
export function cumulative(series: PeriodCount[]): PeriodCount[] {
  let total = 0;
  return series.map((p) => ({ period: p.period, value: (total += p.value) }));
}
