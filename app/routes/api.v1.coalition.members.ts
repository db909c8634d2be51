import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { loadConfig } from "~/config.server";
import { listMembers, MemberFiltersSchema } from "~/features/coalition/members.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";

const DEFAULT_PER_PAGE = 30;

/** The API's parameters: the directory's filters but the year and status (always active members). */
const ApiFiltersSchema = MemberFiltersSchema.pick({
  sector: true,
  jurisdiction: true,
  q: true,
  page: true,
  per_page: true,
});
type ApiFilters = z.infer<typeof ApiFiltersSchema>;
const KNOWN = new Set(Object.keys(ApiFiltersSchema.shape));

function parse(
  params: URLSearchParams,
): { ok: true; filters: ApiFilters } | { ok: false; errors: Record<string, string> } {
  // No prototype: a parameter named `__proto__` or `toString` is just an unknown parameter.
  const raw: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of params) if (!Object.hasOwn(raw, key)) raw[key] = value;
  const errors: Record<string, string> = Object.create(null) as Record<string, string>;
  const given: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) errors[key] = "unknown parameter";
    // An empty parameter (a form's untouched field) means no filter.
    else if (raw[key] !== "") given[key] = raw[key];
  }
  const result = ApiFiltersSchema.safeParse(given);
  if (!result.success) for (const issue of result.error.issues) errors[String(issue.path[0])] = issue.message;
  if (Object.keys(errors).length || !result.success) return { ok: false, errors };
  return { ok: true, filters: result.data };
}

/** Open data: active coalition members, filtered and paginated. Public; never the private contact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parse(new URL(request.url).searchParams);
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
