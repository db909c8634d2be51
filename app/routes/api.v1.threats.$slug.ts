import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson, apiNotFound, serializeThreatDetail } from "~/features/threats/api.server";
import { ThreatDetailQuerySchema } from "~/features/threats/api-schemas";
import { getThreatDetail } from "~/features/threats/queries.server";
import { getLocale } from "~/i18n/i18next.server";
import { parseStrictParams } from "~/lib/api-params";

/**
 * Open data: one threat with its timeline, statements and impact assessment. Public, no guard.
 * The summary is in the language `?lang=` names, else the reader's (Accept-Language).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseStrictParams(ThreatDetailQuerySchema, new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  const lang = parsed.filters.lang;
  const threat = params.slug ? await getThreatDetail(params.slug, lang ?? (await getLocale(request))) : undefined;
  if (!threat) return apiNotFound();
  const response = apiJson(serializeThreatDetail(threat));
  if (!lang) response.headers.append("Vary", "Accept-Language, Cookie");
  return response;
}
