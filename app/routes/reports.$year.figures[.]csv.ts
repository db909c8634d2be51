import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportCsv } from "~/features/reports/exports.server";
import { loadReport, namesFor } from "~/features/reports/view.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";

/** One row per figure of a year's report (the published one; staff may download a draft). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [{ view }, locale] = await Promise.all([loadReport(request, params.year), getLocale(request)]);
  const [t, names] = await Promise.all([getFixedT(locale, "reports"), namesFor(view, locale)]);
  return new Response(reportCsv(view, t, names), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="impact-report-${view.year}-figures.csv"`,
      "Cache-Control": view.state === "draft" ? "private, no-store" : "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
