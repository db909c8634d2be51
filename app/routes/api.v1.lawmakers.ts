import type { LoaderFunctionArgs } from "@remix-run/node";
import { lawmakersApi, parseApiFilters } from "~/features/lawmakers/api.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";

/** Open data: lawmakers and their official contact, filtered and paginated. Public, no guard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseApiFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  return apiJson(await lawmakersApi(parsed.filters));
}
