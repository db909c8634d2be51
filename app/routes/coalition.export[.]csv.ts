import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { requireStaff } from "~/features/auth/guards.server";
import { listMembersForExport } from "~/features/coalition/import.server";
import { neutraliseFormula } from "~/lib/spreadsheet";

const COLUMNS = ["name", "sector", "jurisdiction", "website", "joined_on", "status", "contact_email"] as const;

/**
 * Staff: every member whatever their status, private contact included, as CSV (UTF-8 with a BOM,
 * CRLF, cells that a spreadsheet would run as formulas neutralised). The import reads the same
 * columns and ignores `status`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const rows = await listMembersForExport();
  const records = rows.map((row) =>
    [
      row.name,
      row.sector,
      row.jurisdiction_code ?? "",
      row.website ?? "",
      row.joined_on ?? "",
      row.status,
      row.contact_email ?? "",
    ].map(neutraliseFormula),
  );
  const csv = stringify([[...COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="coalition-members-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
