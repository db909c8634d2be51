import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson, serializeThreatList } from "~/features/threats/api.server";
import { parseThreatFilters } from "~/features/threats/filters";
import { listThreats } from "~/features/threats/queries.server";

/** Open data: the threat list, filtered and paginated. Public, no guard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseThreatFilters(new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  return apiJson(serializeThreatList(await listThreats(parsed.filters), parsed.filters));
}
