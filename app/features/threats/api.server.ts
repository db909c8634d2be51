/**
 * The open-data contract of `/api/v1`: what the API publishes about threats and jurisdictions, and
 * nothing else. Serialisers pick fields one by one, so internal columns (search_text, who recorded
 * what, e-mail addresses) can never leak through a `select *`.
 */
import { stringify } from "csv-stringify/sync";
import { neutraliseFormula } from "~/lib/spreadsheet";
import { loadConfig } from "~/config.server";
import { jurisdictionDivisionId } from "~/features/jurisdictions/division";
import type { getJurisdictionSummary } from "~/features/threats/countries.server";
import type { ThreatFilters } from "~/features/threats/filters";
import { DEFAULT_PER_PAGE } from "~/features/threats/filters";
import { listThreats, type ThreatDetail, type ThreatListRow } from "~/features/threats/queries.server";
import type { ApiJurisdiction, ApiThreat, ApiThreatDetail, ApiThreatList } from "~/features/threats/api-schemas";
import type { ApiInvalidParameters, ApiNotFound } from "~/lib/api-schemas";

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
  const body: ApiNotFound = { error: "not_found" };
  return apiJson(body, 404);
}

export function apiInvalidParameters(parameters: Record<string, string>): Response {
  const body: ApiInvalidParameters = { error: "invalid_parameters", parameters };
  return apiJson(body, 400);
}

/** The absolute address of a threat's public page. */
export function threatUrl(slug: string, appUrl = loadConfig().appUrl): string {
  return `${appUrl}/threats/${encodeURIComponent(slug)}`;
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
): ApiThreatList {
  const appUrl = loadConfig().appUrl;
  return {
    data: result.rows.map((row) => serializeThreat(row, appUrl)),
    meta: { page: filters.page ?? 1, per_page: filters.per_page ?? DEFAULT_PER_PAGE, total: result.total },
  };
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

export function serializeJurisdiction(
  summary: NonNullable<Awaited<ReturnType<typeof getJurisdictionSummary>>>,
): ApiJurisdiction {
  return {
    code: summary.jurisdiction.code,
    name: summary.jurisdiction.name_en,
    ocd_division_id: jurisdictionDivisionId(summary.jurisdiction.code),
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
