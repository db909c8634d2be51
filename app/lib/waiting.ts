/**
 * What waits in one staff review queue: how many items, and since when the oldest of them has
 * been waiting (an ISO time, null when nothing waits). Each feature counts its own queue.
 */
export interface Waiting {
  count: number;
  oldest: string | null;
}

export const NOTHING_WAITING: Waiting = { count: 0, oldest: null };

/** From a `count(*) as n, min(…) as oldest` row: PostgreSQL returns the count as a string. */
export function toWaiting(row: { n: number | string | bigint | null; oldest: string | null } | undefined): Waiting {
  const count = Number(row?.n ?? 0);
  return count > 0 ? { count, oldest: row?.oldest ?? null } : NOTHING_WAITING;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days the oldest item has waited (0 on its first day). */
export function waitingDays(oldest: string | null, now: Date = new Date()): number {
  if (!oldest) return 0;
  const since = new Date(oldest).getTime();
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((now.getTime() - since) / DAY_MS));
}

/** The staff review queues, in the order the inbox and the digest list them. */
export const INBOX_QUEUES = [
  "actions",
  "events",
  "applications",
  "proposals",
  "nameChanges",
  "signatures",
  "mail",
] as const;
export type InboxQueueKey = (typeof INBOX_QUEUES)[number];
