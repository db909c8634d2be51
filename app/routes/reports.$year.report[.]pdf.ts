import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportPdf } from "~/features/reports/pdf.server";
import { loadReport, namesFor } from "~/features/reports/view.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";

/** The year's report as a PDF (the published one; staff may download a draft). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const [{ view }, locale] = await Promise.all([loadReport(request, params.year), getLocale(request)]);
  const [t, names] = await Promise.all([getFixedT(locale, "reports"), namesFor(view, locale)]);
  const { pdf, version } = await reportPdf(view, t, locale, names);
  const etag = `"${version.slice(0, 32)}"`;
  const headers = {
    "Content-Type": "application/pdf",
    "Content-Disposition": `attachment; filename="impact-report-${view.year}.pdf"`,
    "Cache-Control": view.state === "draft" ? "private, no-store" : "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(pdf), { headers: { ...headers, "Content-Length": String(pdf.length) } });
}
