import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson, apiNotFound, serializeJurisdiction } from "~/features/threats/api.server";
import { getJurisdictionSummary } from "~/features/threats/countries.server";

/** Open data: a jurisdiction's threat and statement counts. Public, no guard. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const unknown = [...new URL(request.url).searchParams.keys()];
  if (unknown.length) return apiInvalidParameters(Object.fromEntries(unknown.map((key) => [key, "unknown parameter"])));
  const code = (params.code ?? "").toUpperCase();
  const summary = code.length <= 3 ? await getJurisdictionSummary(code) : undefined;
  if (!summary) return apiNotFound();
  return apiJson(serializeJurisdiction(summary));
}
