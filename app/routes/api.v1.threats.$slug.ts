import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson, apiNotFound, serializeThreatDetail } from "~/features/threats/api.server";
import { getThreatDetail } from "~/features/threats/queries.server";
import { isLocale } from "~/i18n/config";
import { getLocale } from "~/i18n/i18next.server";

/**
 * Open data: one threat with its timeline, statements and impact assessment. Public, no guard.
 * The summary is in the language `?lang=` names, else the reader's (Accept-Language).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const unknown = [...search.keys()].filter((key) => key !== "lang");
  if (unknown.length) return apiInvalidParameters(Object.fromEntries(unknown.map((key) => [key, "unknown parameter"])));
  const lang = search.get("lang");
  if (lang !== null && !isLocale(lang)) return apiInvalidParameters({ lang: "unknown language" });
  const threat = params.slug ? await getThreatDetail(params.slug, lang ?? (await getLocale(request))) : undefined;
  if (!threat) return apiNotFound();
  const response = apiJson(serializeThreatDetail(threat));
  if (lang === null) response.headers.append("Vary", "Accept-Language, Cookie");
  return response;
}
