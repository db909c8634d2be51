import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/features/auth/guards.server";
import { exportThreats, threatsCsv } from "~/features/threats/api.server";
import { parseThreatFiltersLeniently } from "~/features/threats/filters";

/** Staff: the threat list with the filters of /threats, every page, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = parseThreatFiltersLeniently(new URL(request.url).searchParams);
  const { rows } = await exportThreats(filters);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(threatsCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="threats-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
