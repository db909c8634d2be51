/**
 * The rows a skipping import left out, as CSV: the file's own columns, cells as uploaded, plus an
 * `errors` column saying why in the staff member's language. Staff correct it and import it again
 * (the extra column is ignored then). Given back as a `data:` URL in the result page, so nothing of
 * the uploaded file is kept on the server (see docs/decisions).
 */
import { stringify } from "csv-stringify/sync";
import { getFixedT } from "~/i18n/i18next.server";
import { neutraliseFormula } from "~/lib/spreadsheet";
import type { SkippedRow } from "~/features/lawmakers/import.server";

export const SKIPPED_ERRORS_COLUMN = "errors";

/** The CSV text (UTF-8 with a BOM, CRLF, formulas neutralised), or null when nothing was skipped. */
export async function skippedRowsCsv(header: string[], skipped: SkippedRow[], locale: string): Promise<string | null> {
  if (!skipped.length) return null;
  const t = await getFixedT(locale, "lawmakers");
  const width = header.length;
  const records = skipped.map((row) => {
    // A row with more or fewer cells than the first line is cut or padded to fit under it.
    const cells = Array.from({ length: width }, (_, i) => row.cells[i] ?? "");
    const errors = row.errors.map((code) => t(`import.errors.${code}`, { line: row.duplicateOf })).join(" ");
    return [...cells, errors].map(neutraliseFormula);
  });
  return stringify([[...header, SKIPPED_ERRORS_COLUMN].map(neutraliseFormula), ...records], {
    bom: true,
    record_delimiter: "windows",
  });
}

/** The CSV as a link target that downloads without a second request. */
export function csvDataUrl(csv: string): string {
  return `data:text/csv;charset=utf-8;base64,${Buffer.from(csv, "utf8").toString("base64")}`;
}
