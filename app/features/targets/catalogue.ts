/**
 * The metric catalogue as the forms and pages see it (no SQL here: shared by client and server).
 * Each metric's exact definition is in the `targets` translations (`metric.<key>.definition`), so
 * that it reads the same in English and French next to its number.
 */
import {
  ACTION_KINDS,
  CATEGORIES,
  CHAPTER_KINDS,
  EVENT_KINDS,
  REGIONS,
  SECTORS,
  SEVERITIES,
  STANCES,
  STATEMENT_KINDS,
  THREAT_KINDS,
  type SignatureKind,
  type Unit,
} from "~/lib/vocabularies";

export const FILTER_KEYS = ["category", "jurisdiction", "sector", "kind", "stance", "severity", "region"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type TargetFilter = Partial<Record<FilterKey, string>>;

/** The signature kind filter offers organisations first. */
const SIGNATURE_KINDS_ORGANISATIONS_FIRST: readonly SignatureKind[] = ["organisation", "individual"];

/** Which `kind` vocabulary a metric's kind filter takes. */
export type KindVocabulary = "threat" | "action" | "event" | "statement" | "signature" | "chapter";
export const KIND_VOCABULARIES: Record<KindVocabulary, readonly string[]> = {
  threat: THREAT_KINDS,
  action: ACTION_KINDS,
  event: EVENT_KINDS,
  statement: STATEMENT_KINDS,
  signature: SIGNATURE_KINDS_ORGANISATIONS_FIRST,
  chapter: CHAPTER_KINDS,
};

/** Values allowed for each filter key; `jurisdiction` is checked against the jurisdictions table. */
export const FILTER_VALUES: Record<Exclude<FilterKey, "jurisdiction" | "kind">, readonly string[]> = {
  category: CATEGORIES,
  sector: SECTORS,
  stance: STANCES,
  severity: SEVERITIES,
  region: REGIONS,
};

export interface MetricInfo {
  unit: Unit | "manual";
  filters: readonly FilterKey[];
  kinds?: KindVocabulary;
}

const THREAT_FILTERS = ["category", "jurisdiction", "kind", "severity"] as const;

export const METRICS = {
  threats_mitigated_share: { unit: "percent", filters: THREAT_FILTERS, kinds: "threat" },
  new_threats_fought: { unit: "count", filters: THREAT_FILTERS, kinds: "threat" },
  countries_fought: { unit: "count", filters: ["category", "kind", "severity"], kinds: "threat" },
  policymaker_statements: { unit: "count", filters: ["stance", "kind", "jurisdiction"], kinds: "statement" },
  chapters_advocating_share: { unit: "percent", filters: ["kind", "region", "jurisdiction"], kinds: "chapter" },
  members_advocating_share: { unit: "percent", filters: ["sector", "jurisdiction"] },
  advocacy_actions: { unit: "count", filters: ["kind"], kinds: "action" },
  ged_events: { unit: "count", filters: ["kind", "jurisdiction"], kinds: "event" },
  ged_reach: { unit: "people", filters: ["kind", "jurisdiction"], kinds: "event" },
  letters_sent: { unit: "count", filters: ["jurisdiction"] },
  signatures_confirmed: { unit: "count", filters: ["kind", "jurisdiction"], kinds: "signature" },
  manual: { unit: "manual", filters: [] },
} as const satisfies Record<string, MetricInfo>;

export type MetricKey = keyof typeof METRICS;
export const METRIC_KEYS = Object.keys(METRICS) as MetricKey[];

export function isMetricKey(value: string): value is MetricKey {
  return Object.hasOwn(METRICS, value);
}

export function metricInfo(key: MetricKey): MetricInfo {
  return METRICS[key];
}

/** Parses a stored filter (JSON object of strings); anything else reads as no filter. */
export function parseFilter(json: string | null): TargetFilter {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const filter: TargetFilter = {};
    for (const key of FILTER_KEYS) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === "string" && v) filter[key] = v;
    }
    return filter;
  } catch {
    return {};
  }
}

/** The stored form of a filter: keys in a fixed order, empty values dropped; null when empty. */
export function serializeFilter(filter: TargetFilter): string | null {
  const entries = FILTER_KEYS.filter((k) => filter[k]).map((k) => [k, filter[k]] as const);
  return entries.length ? JSON.stringify(Object.fromEntries(entries)) : null;
}
