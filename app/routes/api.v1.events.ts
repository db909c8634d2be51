import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiEventList, parseEventApiParams } from "~/features/events/api.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";
import { getLocale } from "~/i18n/i18next.server";

/**
 * Open data: approved events, filtered (`edition`, `kind`, `jurisdiction`, `online`) and paginated,
 * titles in the language of `lang` (else Accept-Language) when they have a version in it. Public.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseEventApiParams(new URL(request.url).searchParams);
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  const response = apiJson(await apiEventList(parsed.filters, await getLocale(request)));
  if (!parsed.filters.lang) response.headers.append("Vary", "Accept-Language, Cookie");
  return response;
}
