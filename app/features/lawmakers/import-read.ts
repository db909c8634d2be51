/**
 * An uploaded lawmakers file as rows of our columns, whatever its format: CSV (our columns, or the
 * US Congress list) or Popolo JSON, chosen on the form or detected (a file starting with `{` is
 * JSON). What is wrong with the file as a whole comes back as file errors and no rows.
 */
import { CsvSyntaxError, parseCsv, type CsvRecord, type FileError } from "~/lib/csv-import.server";
import { MAX_IMPORT_ROWS, ROW_COLUMNS } from "~/features/lawmakers/constants";
import { rowsOf, type ImportFormat, type MappedRecord } from "~/features/lawmakers/import-rows";
import { popoloRows, type PopoloChoice, type PopoloSummary } from "~/features/lawmakers/popolo";
import { looksLikeJson, readPopolo } from "~/features/lawmakers/popolo-read";

export type FormatChoice = "auto" | "csv" | "popolo";

export interface ImportOptions extends PopoloChoice {
  format?: FormatChoice;
}

/** The form's fields that choose how a file is read (sent back with the checked file). */
export const IMPORT_OPTION_FIELDS = ["format", "legislature", "jurisdiction"] as const;

export function importOptionsOf(fields: Record<string, string>): ImportOptions {
  const format = fields.format === "csv" || fields.format === "popolo" ? fields.format : "auto";
  return {
    format,
    legislature: (fields.legislature ?? "").trim().slice(0, 1000),
    jurisdiction: (fields.jurisdiction ?? "").trim().toUpperCase().slice(0, 3),
  };
}

export interface ReadFile {
  format: ImportFormat;
  fileErrors: FileError[];
  /** The first line as read (Popolo: our columns), which the skipped rows' CSV repeats. */
  header: string[];
  rows: MappedRecord[];
  popolo: PopoloSummary | null;
}

const refused = (format: ImportFormat, error: FileError): ReadFile => ({
  format,
  fileErrors: [error],
  header: [],
  rows: [],
  popolo: null,
});

function readCsv(text: string): ReadFile {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const code = error.code === "bad_quote" ? "file.bad_quote" : "file.unterminated_quote";
    return refused("standard", { code, line: error.line });
  }
  if (records.length === 0) return refused("standard", { code: "file.empty" });
  const [header, ...data] = records;
  if (data.length > MAX_IMPORT_ROWS) return refused("standard", { code: "file.too_many_rows" });
  const { format, missing, repeated, rows } = rowsOf(header, data);
  const fileErrors: FileError[] = [];
  if (missing.length) fileErrors.push({ code: "header.missing", line: header.line, columns: missing });
  if (repeated.length) fileErrors.push({ code: "header.duplicate", line: header.line, columns: repeated });
  if (fileErrors.length) return { format, fileErrors, header: [], rows: [], popolo: null };
  return { format, fileErrors, header: header.cells, rows, popolo: null };
}

function readPopoloFile(text: string, options: ImportOptions, today: string): ReadFile {
  const read = readPopolo(text, MAX_IMPORT_ROWS);
  if (!read.ok) return refused("popolo", read.error);
  const mapped = popoloRows(read.data, options, today);
  if (!mapped.ok) return refused("popolo", mapped.error);
  return { format: "popolo", fileErrors: [], header: [...ROW_COLUMNS], rows: mapped.rows, popolo: mapped.summary };
}

export function readLawmakersFile(text: string, options: ImportOptions, today: string): ReadFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = options.format ?? "auto";
  if (format === "popolo" || (format === "auto" && looksLikeJson(body))) return readPopoloFile(body, options, today);
  return readCsv(body);
}
