import { EVENT_KINDS, ONLINE_FILTERS, type EventKind } from "~/features/events/constants";

export interface EventFilters {
  kind?: EventKind;
  jurisdiction?: string;
  online?: "yes" | "no";
}

/** The public list's filters from the query string; a bad value is dropped, never an error page. */
export function parseEventFilters(params: URLSearchParams): EventFilters {
  const filters: EventFilters = {};
  const kind = params.get("kind");
  if (kind && (EVENT_KINDS as readonly string[]).includes(kind)) filters.kind = kind as EventKind;
  const jurisdiction = params.get("jurisdiction")?.trim().toUpperCase();
  if (jurisdiction && /^([A-Z]{2}|EU|INT)$/.test(jurisdiction)) filters.jurisdiction = jurisdiction;
  const online = params.get("online");
  if (online === ONLINE_FILTERS[0] || online === ONLINE_FILTERS[1]) filters.online = online;
  return filters;
}
