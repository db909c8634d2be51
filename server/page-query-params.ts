import { ThreatFiltersSchema } from "../app/features/threats/filters";

/**
 * The query parameters the cached public pages, the API and the feeds read. A request with any
 * other parameter is answered by the app but never cached, so `?v=1`, `?v=2`, … cannot fill the
 * cache; a parameter missing here only costs that page its caching. `_routes` and `index` are
 * Remix's own (single-fetch data requests, index routes).
 */
export const PAGE_QUERY_PARAMS: readonly string[] = [
  ...new Set([
    ...Object.keys(ThreatFiltersSchema.shape),
    "sector",
    "region",
    "kind",
    "status",
    "online",
    "edition",
    "body",
    "party",
    "constituency",
    "ocd_division_id",
    "ocd_division_prefix",
    "lang",
    "threat",
    "_routes",
    "index",
  ]),
];
