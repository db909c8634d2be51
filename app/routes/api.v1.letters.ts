import type { LoaderFunctionArgs } from "@remix-run/node";
import { listLettersForApi } from "~/features/letters/letters-api.server";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";

/** Open data: every public letter (open, closed and delivered) with its confirmed count. Public, no guard. */
export async function loader({ request }: LoaderFunctionArgs) {
  const unknown = [...new URL(request.url).searchParams.keys()];
  if (unknown.length) return apiInvalidParameters(Object.fromEntries(unknown.map((key) => [key, "unknown parameter"])));
  return apiJson(await listLettersForApi());
}
