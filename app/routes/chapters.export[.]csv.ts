import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/features/auth/guards.server";
import { chaptersCsv, listChaptersForStaff } from "~/features/chapters/chapters.server";
import { parseChapterFilters } from "~/features/chapters/forms";

/** Staff: the chapter list with the filters of /chapters, and the accepted actions of the chosen year, as CSV. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = parseChapterFilters(new URL(request.url).searchParams);
  const year = filters.year ?? new Date().getUTCFullYear();
  const rows = await listChaptersForStaff(filters, year);
  return new Response(chaptersCsv(rows, year), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="chapters-${year}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
