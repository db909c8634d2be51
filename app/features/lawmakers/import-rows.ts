/**
 * The lawmakers CSV's data records as our columns: read directly, or mapped row by row from the US
 * Congress list (recognised by its header). Each keeps its cells as read, for the skipped rows' CSV.
 */
import type { CsvRecord } from "~/lib/csv-import.server";
import { IMPORT_COLUMNS, ROW_COLUMNS, type ImportColumn } from "~/features/lawmakers/constants";
import {
  isUsCongressHeader,
  mapUsCongressRow,
  US_CONGRESS_COLUMNS,
  usSnapshotDate,
} from "~/features/lawmakers/us-congress";

export type ImportFormat = "standard" | "us_congress" | "popolo";

/** Our columns for each data record, read directly or mapped from the US Congress list. */
export function rowsOf(
  header: CsvRecord,
  data: CsvRecord[],
): { format: ImportFormat; missing: string[]; repeated: string[]; rows: Array<MappedRecord> } {
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const indexOf = (column: string) => names.indexOf(column);
  const repeatedOf = (columns: readonly string[]) =>
    columns.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  if (isUsCongressHeader(names)) {
    const records = data.map((record) => ({
      line: record.line,
      raw: record.cells,
      blank: record.cells.every((cell) => cell.trim() === ""),
      columnsMismatch: record.cells.length !== header.cells.length,
      cells: Object.fromEntries(US_CONGRESS_COLUMNS.map((c) => [c, record.cells[indexOf(c)] ?? ""])) as Record<
        (typeof US_CONGRESS_COLUMNS)[number],
        string
      >,
    }));
    const verifiedOn = usSnapshotDate(records.filter((r) => !r.blank));
    return {
      format: "us_congress",
      missing: [],
      repeated: repeatedOf(US_CONGRESS_COLUMNS),
      rows: records.map((record) => ({ ...record, ...mapUsCongressRow(record, verifiedOn) })),
    };
  }
  return {
    format: "standard",
    missing: IMPORT_COLUMNS.filter((column) => !names.includes(column)),
    repeated: repeatedOf(ROW_COLUMNS),
    rows: data.map((record) => ({
      line: record.line,
      raw: record.cells,
      blank: record.cells.every((cell) => cell.trim() === ""),
      columnsMismatch: record.cells.length !== header.cells.length,
      cells: Object.fromEntries(ROW_COLUMNS.map((c) => [c, record.cells[indexOf(c)] ?? ""])) as Record<
        ImportColumn,
        string
      >,
      notes: [],
      errors: [],
    })),
  };
}

export interface MappedRecord {
  line: number;
  /** The cells as read, before any mapping. */
  raw: string[];
  blank: boolean;
  columnsMismatch: boolean;
  cells: Record<ImportColumn, string>;
  notes: string[];
  errors: string[];
}
