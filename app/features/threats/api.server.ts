/**
 * The open-data contract of `/api/v1`: what the API publishes about threats and jurisdictions, and
 * nothing else. Serialisers pick fields one by one, so internal columns (search_text, who recorded
 * what, e-mail addresses) can never leak through a `select *`.
 */
import { stringify } from "csv-stringify/sync";
import { neutraliseFormula } from "~/lib/spreadsheet";
import { loadConfig } from "~/config.server";
import type { getJurisdictionSummary } from "~/features/threats/countries.server";
import type { ThreatFilters } from "~/features/threats/filters";
import { DEFAULT_PER_PAGE } from "~/features/threats/filters";
import { listThreats, type ThreatDetail, type ThreatListRow } from "~/features/threats/queries.server";

/** Headers of every successful answer: cacheable for a minute, readable from any origin. */
export const API_HEADERS = {
  "Cache-Control": "public, max-age=60",
  "Access-Control-Allow-Origin": "*",
} as const;

/** Errors are not cached, but stay readable cross-origin so that clients can see why. */
const ERROR_HEADERS = {
  "Cache-Control": "no-store",
  "Access-Control-Allow-Origin": "*",
} as const;

export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: status < 400 ? API_HEADERS : ERROR_HEADERS });
}

export function apiNotFound(): Response {
  return apiJson({ error: "not_found" }, 404);
}

export function apiInvalidParameters(parameters: Record<string, string>): Response {
  return apiJson({ error: "invalid_parameters", parameters }, 400);
}

/** The absolute address of a threat's public page. */
export function threatUrl(slug: string, appUrl = loadConfig().appUrl): string {
  return `${appUrl}/threats/${encodeURIComponent(slug)}`;
}

export interface ApiThreat {
  id: number;
  slug: string;
  jurisdiction: string;
  kind: string;
  identifier: string | null;
  title: string;
  short_name: string | null;
  categories: string[];
  severity: string;
  stage: string | null;
  outcome: string;
  first_seen_on: string;
  updated_at: string;
  url: string;
}

type ThreatFields = Pick<
  ThreatListRow,
  | "id"
  | "slug"
  | "jurisdiction_code"
  | "kind"
  | "identifier"
  | "title"
  | "short_name"
  | "categories"
  | "severity"
  | "stage"
  | "outcome"
  | "first_seen_on"
  | "updated_at"
>;

export function serializeThreat(row: ThreatFields, appUrl = loadConfig().appUrl): ApiThreat {
  return {
    id: row.id,
    slug: row.slug,
    jurisdiction: row.jurisdiction_code,
    kind: row.kind,
    identifier: row.identifier,
    title: row.title,
    short_name: row.short_name,
    categories: [...row.categories],
    severity: row.severity,
    stage: row.stage,
    outcome: row.outcome,
    first_seen_on: row.first_seen_on,
    updated_at: row.updated_at,
    url: threatUrl(row.slug, appUrl),
  };
}

export function serializeThreatList(
  result: { rows: ThreatListRow[]; total: number },
  filters: ThreatFilters,
): { data: ApiThreat[]; meta: { page: number; per_page: number; total: number } } {
  const appUrl = loadConfig().appUrl;
  return {
    data: result.rows.map((row) => serializeThreat(row, appUrl)),
    meta: { page: filters.page ?? 1, per_page: filters.per_page ?? DEFAULT_PER_PAGE, total: result.total },
  };
}

export interface ApiStatement {
  id: number;
  speaker: string;
  role: string | null;
  body: string | null;
  jurisdiction: string;
  date: string;
  stance: string;
  kind: string;
  quote: string | null;
  url: string | null;
}

export interface ApiThreatDetail extends ApiThreat {
  /** In the reader's language (`?lang=`, else Accept-Language) when it has a version, else the original. */
  summary: string;
  summary_language: string;
  original_language: string;
  actions: Array<{ date: string; classification: string; note: string | null; source: string | null }>;
  statements: ApiStatement[];
  assessment: {
    summary: string | null;
    updated_at: string;
    ratings: Array<{ property: string; kind: string; name: string; rating: string; note: string | null }>;
  } | null;
}

export function serializeThreatDetail(threat: ThreatDetail): ApiThreatDetail {
  return {
    ...serializeThreat(threat),
    summary: threat.summary,
    summary_language: threat.summary_lang,
    original_language: threat.original_locale,
    // The public API keeps its published field name, `actions`.
    actions: threat.steps.map((step) => ({
      date: step.occurred_on,
      classification: step.classification,
      note: step.note,
      source: step.source_url,
    })),
    statements: threat.statements.map((statement) => ({
      id: statement.id,
      speaker: statement.speaker,
      role: statement.speaker_role,
      body: statement.body,
      jurisdiction: statement.jurisdiction_code,
      date: statement.stated_on,
      stance: statement.stance,
      kind: statement.kind,
      quote: statement.quote,
      url: statement.url,
    })),
    assessment: threat.assessment
      ? {
          summary: threat.assessment.summary,
          updated_at: threat.assessment.updated_at,
          ratings: threat.assessment.ratings.map((rating) => ({
            property: rating.key,
            kind: rating.kind,
            name: rating.name_en,
            rating: rating.rating,
            note: rating.note,
          })),
        }
      : null,
  };
}

export interface ApiJurisdiction {
  code: string;
  name: string;
  open_threats: number;
  threats_total: number;
  statements: number;
}

export function serializeJurisdiction(
  summary: NonNullable<Awaited<ReturnType<typeof getJurisdictionSummary>>>,
): ApiJurisdiction {
  return {
    code: summary.jurisdiction.code,
    name: summary.jurisdiction.name_en,
    open_threats: summary.counts.open,
    threats_total: summary.counts.total,
    statements: summary.statements,
  };
}

/** The most rows one CSV export holds. */
export const EXPORT_CAP = 10_000;
const EXPORT_BATCH = 1_000;

export const CSV_COLUMNS = [
  "slug",
  "jurisdiction",
  "kind",
  "identifier",
  "title",
  "short_name",
  "categories",
  "severity",
  "stage",
  "stage_on",
  "outcome",
  "first_seen_on",
  "updated_at",
] as const;

/** Every threat matching the filters (whatever page they asked for), up to `EXPORT_CAP`. */
export async function exportThreats(filters: ThreatFilters): Promise<{ rows: ThreatListRow[]; total: number }> {
  const rows: ThreatListRow[] = [];
  let total = 0;
  for (let page = 1; rows.length < EXPORT_CAP; page++) {
    const batch = await listThreats({ ...filters, page, per_page: EXPORT_BATCH });
    total = batch.total;
    rows.push(...batch.rows);
    if (batch.rows.length < EXPORT_BATCH || rows.length >= total) break;
  }
  return { rows: rows.slice(0, EXPORT_CAP), total };
}

/** The CSV export: UTF-8 with a byte-order mark (Excel needs it for accents), CRLF lines. */
export function threatsCsv(rows: ThreatListRow[]): string {
  const records = rows.map((row) =>
    [
      row.slug,
      row.jurisdiction_code,
      row.kind,
      row.identifier ?? "",
      row.title,
      row.short_name ?? "",
      row.categories.join(";"),
      row.severity,
      row.stage ?? "",
      row.stage_on ?? "",
      row.outcome,
      row.first_seen_on,
      row.updated_at,
    ].map(neutraliseFormula),
  );
  return stringify([[...CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
}
