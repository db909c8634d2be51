/** The open-data contract of `GET /api/v1/coalition/members`: active members, fields picked one by one. */
import type { z } from "zod";
import { loadConfig } from "~/config.server";
import type { ApiMemberList } from "~/features/coalition/api-schemas";
import { listMembers, MemberFiltersSchema } from "~/features/coalition/members.server";
import { parseStrictParams } from "~/lib/api-params";

const DEFAULT_PER_PAGE = 30;

/** The API's parameters: the directory's filters but the year and status (always active members). */
export const MemberApiFiltersSchema = MemberFiltersSchema.pick({
  sector: true,
  jurisdiction: true,
  q: true,
  page: true,
  per_page: true,
});
type ApiFilters = z.infer<typeof MemberApiFiltersSchema>;

/** Strict parse: unknown or bad parameters are named; an empty one (a form's untouched field) is no filter. */
export function parseMemberApiParams(params: URLSearchParams) {
  return parseStrictParams(MemberApiFiltersSchema, params, { emptyMeansAbsent: true });
}

export async function membersApi(filters: ApiFilters): Promise<ApiMemberList> {
  const page = filters.page ?? 1;
  const perPage = filters.per_page ?? DEFAULT_PER_PAGE;
  const result = await listMembers({ ...filters, status: "active", page, per_page: perPage });
  const appUrl = loadConfig().appUrl;
  return {
    // Fields picked one by one: a new column can never leak through.
    data: result.rows.map((row) => ({
      id: row.id,
      name: row.name,
      sector: row.sector,
      jurisdiction: row.jurisdiction_code,
      website: row.website,
      joined_on: row.joined_on,
      url: `${appUrl}/coalition/${row.id}`,
    })),
    meta: { page, per_page: perPage, total: result.total },
  };
}
