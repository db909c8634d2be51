import { EVENT_KINDS, EVENT_STATUSES, type EventKind, type EventStatus } from "~/lib/vocabularies";

export { EVENT_KINDS, EVENT_STATUSES, type EventKind, type EventStatus };

/** The audiences an organiser reports after the event: distinct people, so they add up. */
export const REPORT_FIELDS = ["attendance", "online_views", "media_reach"] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

/** The largest audience figure accepted (more than the world's population is a typo). */
export const MAX_AUDIENCE = 9_000_000_000;

export const ONLINE_FILTERS = ["yes", "no"] as const;

/** Events per page of the public list. */
export const PUBLIC_PER_PAGE = 50;
