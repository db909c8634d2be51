import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiInvalidParameters, apiJson } from "~/features/threats/api.server";
import { parseYear } from "~/features/targets/forms";
import { currentYear } from "~/features/targets/status";
import { apiTargets } from "~/features/targets/view.server";

/** Open data: a year's targets with their values (the year-end snapshot for a past year). Public. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), currentYear());
  if (!parsed.ok) return apiInvalidParameters({ year: "expected a year between 2000 and 2100, e.g. 2024" });
  return apiJson(await apiTargets(parsed.year));
}
