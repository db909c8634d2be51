import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLetterForApi } from "~/features/letters/letters-api.server";
import { apiInvalidParameters, apiJson, apiNotFound } from "~/features/threats/api.server";

/** Open data: one public letter, its counts by kind and country, and its versions. Drafts are 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const unknown = [...new URL(request.url).searchParams.keys()];
  if (unknown.length) return apiInvalidParameters(Object.fromEntries(unknown.map((key) => [key, "unknown parameter"])));
  const letter = params.slug ? await getLetterForApi(params.slug) : undefined;
  if (!letter) return apiNotFound();
  return apiJson(letter);
}
