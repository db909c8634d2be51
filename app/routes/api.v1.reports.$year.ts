import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiReport } from "~/features/reports/exports.server";
import { reportView } from "~/features/reports/report.server";
import { requireReportYear } from "~/features/reports/view.server";
import { apiJson, apiNotFound } from "~/features/threats/api.server";

/** Open data: the figures of a published yearly report (as published). Public; drafts are not served. */
export async function loader({ params }: LoaderFunctionArgs) {
  let year: number;
  try {
    year = requireReportYear(params.year);
  } catch {
    return apiNotFound();
  }
  const view = await reportView(year, { preview: false });
  return view ? apiJson(apiReport(view)) : apiNotFound();
}
