import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";
import { TargetApiParamsSchema } from "~/features/targets/forms";
import { currentYear } from "~/features/targets/status";
import { apiTargets } from "~/features/targets/view.server";
import { parseStrictParams } from "~/lib/api-params";

/** Open data: a year's targets with their values (the year-end snapshot for a past year). Public. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseStrictParams(TargetApiParamsSchema, new URL(request.url).searchParams, {
    emptyMeansAbsent: true,
  });
  if (!parsed.ok) return apiInvalidParameters(parsed.errors);
  return apiJson(await apiTargets(parsed.filters.year ?? currentYear()));
}
