import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiEventList, parseEventApiParams } from "~/features/events/api.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";

/** Open data: approved events, filtered (`edition`, `kind`, `jurisdiction`, `online`) and paginated. Public. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseEventApiParams(new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  return apiJson(await apiEventList(parsed.filters));
}
