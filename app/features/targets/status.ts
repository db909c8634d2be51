/** Where a target stands: pure rules, shared by the page, the API and the tests. */

export type TargetStatus = "met" | "on_track" | "behind" | "missed" | "upcoming";

const yearStart = (year: number) => Date.UTC(year, 0, 1);

/** A year is over once 1 January of the next year has begun (UTC). */
export function isYearOver(year: number, now = new Date()): boolean {
  return now.getTime() >= yearStart(year + 1);
}

/** The share of the year elapsed at `now` (UTC), between 0 and 1. */
export function elapsedFraction(year: number, now = new Date()): number {
  const start = yearStart(year);
  const end = yearStart(year + 1);
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/** `at_least` is the only comparison: a target is met when its value reaches the goal. */
export function isMet(value: number, goal: number): boolean {
  return value >= goal;
}

/**
 * Met, or else: for a past year, missed; for the current year, on track when the value is at
 * least the goal × the elapsed fraction of the year, behind otherwise; a future year is upcoming.
 */
export function targetStatus(value: number, goal: number, year: number, now = new Date()): TargetStatus {
  if (isMet(value, goal)) return "met";
  if (isYearOver(year, now)) return "missed";
  if (now.getTime() < yearStart(year)) return "upcoming";
  return value >= goal * elapsedFraction(year, now) ? "on_track" : "behind";
}

/** The progress bar's filled share, 0..1. */
export function progressShare(value: number, goal: number): number {
  if (goal <= 0) return 1;
  return Math.min(1, Math.max(0, value / goal));
}

export function currentYear(now = new Date()): number {
  return now.getUTCFullYear();
}

/** The bounds of a year for comparisons on ISO dates and timestamps: [from, to). */
export function yearBounds(year: number): { from: string; to: string } {
  return { from: `${String(year).padStart(4, "0")}-01-01`, to: `${String(year + 1).padStart(4, "0")}-01-01` };
}
