/**
 * The open-data contract of `GET /api/v1/lawmakers`: who a letter can be addressed to and how to
 * reach them officially, and nothing else (no source, no dates, no internal keys).
 */
import { z } from "zod";
import type { ApiLawmaker, ApiLawmakerList } from "~/features/lawmakers/api-schemas";
import { listLawmakers, type LawmakerRow } from "~/features/lawmakers/lawmakers.server";
import { DEFAULT_PER_PAGE, LawmakerFiltersSchema } from "~/features/lawmakers/forms";
import { parseStrictParams } from "~/lib/api-params";

/** The query parameters of `GET /api/v1/lawmakers` (the OpenAPI document is generated from them too). */
export const LawmakerApiFiltersSchema = LawmakerFiltersSchema.pick({
  jurisdiction: true,
  body: true,
  party: true,
  constituency: true,
  ocd_division_id: true,
  ocd_division_prefix: true,
  q: true,
  page: true,
  per_page: true,
});
type ApiFilters = z.infer<typeof LawmakerApiFiltersSchema>;
/** Strict parse: unknown or bad parameters are named. Repeated parameters take the first value. */
export function parseApiFilters(params: URLSearchParams) {
  return parseStrictParams(LawmakerApiFiltersSchema, params);
}

export function officialContact(row: Pick<LawmakerRow, "contact_url" | "email">): string | null {
  if (row.contact_url) return row.contact_url;
  return row.email ? `mailto:${row.email}` : null;
}

export function serializeLawmaker(row: LawmakerRow): ApiLawmaker {
  // Fields picked one by one: a new column can never leak through.
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    body: row.body,
    jurisdiction: row.jurisdiction_code,
    constituency: row.constituency,
    party: row.party,
    ocd_division_id: row.ocd_division_id,
    url: officialContact(row),
  };
}

export async function lawmakersApi(filters: ApiFilters): Promise<ApiLawmakerList> {
  const page = filters.page ?? 1;
  const perPage = filters.per_page ?? DEFAULT_PER_PAGE;
  const result = await listLawmakers({ ...filters, page, per_page: perPage });
  return {
    data: result.rows.map(serializeLawmaker),
    meta: { page, per_page: perPage, total: result.total },
  };
}
