import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson, apiNotFound, serializeThreatDetail } from "~/features/threats/api.server";
import { getThreatDetail } from "~/features/threats/queries.server";

/** Open data: one threat with its timeline, statements and impact assessment. Public, no guard. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const unknown = [...new URL(request.url).searchParams.keys()];
  if (unknown.length) return apiInvalidParameters(Object.fromEntries(unknown.map((key) => [key, "unknown parameter"])));
  const threat = params.slug ? await getThreatDetail(params.slug) : undefined;
  if (!threat) return apiNotFound();
  return apiJson(serializeThreatDetail(threat));
}
