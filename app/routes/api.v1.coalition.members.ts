import type { LoaderFunctionArgs } from "@remix-run/node";
import { membersApi, parseMemberApiParams } from "~/features/coalition/api.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";

/** Open data: active coalition members, filtered and paginated. Public; never the private contact. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseMemberApiParams(new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  return apiJson(await membersApi(parsed.filters));
}
