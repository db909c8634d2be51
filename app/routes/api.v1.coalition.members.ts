import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadConfig } from "~/config.server";
import { listMembers, MemberFiltersSchema } from "~/features/coalition/members.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";
import { parseStrictParams } from "~/lib/api-params";

const DEFAULT_PER_PAGE = 30;

/** The API's parameters: the directory's filters but the year and status (always active members). */
const ApiFiltersSchema = MemberFiltersSchema.pick({
  sector: true,
  jurisdiction: true,
  q: true,
  page: true,
  per_page: true,
});

/** Open data: active coalition members, filtered and paginated. Public; never the private contact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseStrictParams(ApiFiltersSchema, new URL(request.url).searchParams, { emptyMeansAbsent: true });
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  const page = parsed.filters.page ?? 1;
  const perPage = parsed.filters.per_page ?? DEFAULT_PER_PAGE;
  const result = await listMembers({ ...parsed.filters, status: "active", page, per_page: perPage });
  const appUrl = loadConfig().appUrl;
  return apiJson({
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
  });
}
