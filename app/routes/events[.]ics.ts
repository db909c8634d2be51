import type { LoaderFunctionArgs } from "@remix-run/node";
import { editionForYear } from "~/features/events/editions.server";
import { eventsCalendar } from "~/features/events/ical.server";
import { getFixedT } from "~/i18n/i18next.server";

/**
 * iCalendar feed of approved events: all of them at `/events.ics`, one edition at
 * `/events/<year>.ics`, which server/app.ts rewrites to `/events.ics?year=<year>` (a route path
 * cannot hold a parameter and a suffix in one segment). Public, no guard.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const param = new URL(request.url).searchParams.get("year");
  let year: number | undefined;
  if (param !== null) {
    if (!/^\d{4}$/.test(param)) {
      return new Response("Bad parameter: year must be four digits.", {
        status: 400,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (!(await editionForYear(Number(param)))) return new Response("Not Found", { status: 404 });
    year = Number(param);
  }
  const t = await getFixedT("en");
  const body = await eventsCalendar({ year, appName: t("app.name") });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `inline; filename="${year ? `events-${year}` : "events"}.ics"`,
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
