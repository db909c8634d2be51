/**
 * Staff import of lawmakers from CSV: parse, check every row (the dry run), then write the whole
 * file in one transaction, and only when the same checks find nothing wrong. A row updates the
 * lawmaker with the same e-mail, else the one with the same name + body + jurisdiction; otherwise
 * it creates one. The checks run again inside the import's transaction, so what is written is
 * exactly what a dry run of the same file in the same state would have reported.
 *
 * Two formats are read: our columns (see IMPORT_COLUMNS), and the US Congress list, recognised by
 * its header and mapped row by row (see us-congress.ts).
 */
import { db } from "~db/connection";
import type { User, Executor } from "~db/schema";
import { CsvSyntaxError, parseCsv, type CsvRecord, type FileError } from "~/lib/csv-import.server";
import { recordAudit } from "~/features/security/audit.server";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, type ImportColumn } from "~/features/lawmakers/constants";
import { lawmakerEmailKey, lawmakerMatchKey, lawmakerSearchText } from "~/features/lawmakers/identity";
import {
  isUsCongressHeader,
  mapUsCongressRow,
  US_CONGRESS_COLUMNS,
  usSnapshotDate,
} from "~/features/lawmakers/us-congress";
import { validateRow, type LawmakerValues } from "~/features/lawmakers/validate-row";
import type { Result } from "~/lib/result";

export type ImportFormat = "standard" | "us_congress";

export interface ImportRow {
  line: number;
  name: string;
  action: "create" | "update" | "unchanged" | "error";
  errors: string[];
  /** Mapping notes (a cell replaced while reading another format); never block the import. */
  notes: string[];
  /** For duplicates: the line where the same lawmaker first appears in the file. */
  duplicateOf?: number;
  /** For updates: the columns that change. */
  changes?: string[];
}

export type { FileError };

export interface ImportSummary {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: number;
}

export interface ImportReport {
  format: ImportFormat;
  fileErrors: FileError[];
  rows: ImportRow[];
  summary: ImportSummary;
}

interface Existing extends LawmakerValues {
  id: number;
}

interface CheckedRow {
  values: LawmakerValues;
  existing: Existing | null;
  changes: string[];
}

const STORED: Array<keyof LawmakerValues> = [
  "name",
  "title",
  "body",
  "jurisdiction_code",
  "constituency",
  "party",
  "email",
  "contact_url",
  "source_url",
  "verified_on",
];

function emptyReport(format: ImportFormat, fileErrors: FileError[]): { report: ImportReport; valid: CheckedRow[] } {
  return {
    report: { format, fileErrors, rows: [], summary: { rows: 0, create: 0, update: 0, unchanged: 0, errors: 0 } },
    valid: [],
  };
}

async function loadExisting(executor: Executor) {
  const rows = await executor
    .selectFrom("lawmakers")
    .select(["id", "match_key", "email_normalised", ...STORED])
    .orderBy("id")
    .execute();
  const byEmail = new Map<string, Existing>();
  const byKey = new Map<string, Existing[]>();
  for (const { match_key, email_normalised, ...row } of rows) {
    if (email_normalised) byEmail.set(email_normalised, row);
    const list = byKey.get(match_key);
    if (list) list.push(row);
    else byKey.set(match_key, [row]);
  }
  return { byEmail, byKey };
}

/** The columns whose value the row changes on the lawmaker it matches. */
function changedColumns(existing: Existing, values: LawmakerValues): string[] {
  return STORED.filter((column) => (existing[column] ?? null) !== (values[column] ?? null));
}

/** Our columns for each data record, read directly or mapped from the US Congress list. */
function rowsOf(
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
    repeated: repeatedOf(IMPORT_COLUMNS),
    rows: data.map((record) => ({
      line: record.line,
      blank: record.cells.every((cell) => cell.trim() === ""),
      columnsMismatch: record.cells.length !== header.cells.length,
      cells: Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, record.cells[indexOf(c)] ?? ""])) as Record<
        ImportColumn,
        string
      >,
      notes: [],
      errors: [],
    })),
  };
}

interface MappedRecord {
  line: number;
  blank: boolean;
  columnsMismatch: boolean;
  cells: Record<ImportColumn, string>;
  notes: string[];
  errors: string[];
}

async function check(executor: Executor, text: string): Promise<{ report: ImportReport; valid: CheckedRow[] }> {
  let records: CsvRecord[];
  try {
    records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    const code = error.code === "bad_quote" ? "file.bad_quote" : "file.unterminated_quote";
    return emptyReport("standard", [{ code, line: error.line }]);
  }
  if (records.length === 0) return emptyReport("standard", [{ code: "file.empty" }]);
  const [header, ...data] = records;
  if (data.length > MAX_IMPORT_ROWS) return emptyReport("standard", [{ code: "file.too_many_rows" }]);
  const { format, missing, repeated, rows: mapped } = rowsOf(header, data);
  const headerErrors: FileError[] = [];
  if (missing.length) headerErrors.push({ code: "header.missing", line: header.line, columns: missing });
  if (repeated.length) headerErrors.push({ code: "header.duplicate", line: header.line, columns: repeated });
  if (headerErrors.length) return emptyReport(format, headerErrors);

  const [jurisdictionRows, existing] = await Promise.all([
    executor.selectFrom("jurisdictions").select("code").execute(),
    loadExisting(executor),
  ]);
  const jurisdictions = new Set(jurisdictionRows.map((row) => row.code));
  const today = new Date().toISOString().slice(0, 10);
  const seenEmail = new Map<string, number>();
  const seenKey = new Map<string, { line: number; email: string | null }>();
  const claimed = new Map<number, number>();
  const rows: ImportRow[] = [];
  const valid: CheckedRow[] = [];
  const summary: ImportSummary = { rows: 0, create: 0, update: 0, unchanged: 0, errors: 0 };

  for (const record of mapped) {
    // Spreadsheets leave rows of empty cells behind: not a row at all.
    if (record.blank) continue;
    const { errors, values } = validateRow(record.cells, jurisdictions, today);
    errors.unshift(...record.errors);
    if (record.columnsMismatch) errors.unshift("row.columns");
    let duplicateOf: number | undefined;
    const email = lawmakerEmailKey(values.email);
    const key = lawmakerMatchKey(values);
    if (values.name && values.body && values.jurisdiction_code) {
      // The same lawmaker twice: the same e-mail, or the same name + body + jurisdiction where
      // the e-mails do not tell them apart.
      const sameEmail = email ? seenEmail.get(email) : undefined;
      const sameKey = seenKey.get(key);
      if (sameEmail !== undefined) {
        errors.push("email.duplicate");
        duplicateOf = sameEmail;
      } else if (sameKey && (!email || !sameKey.email)) {
        errors.push("name.duplicate");
        duplicateOf = sameKey.line;
      }
      if (email && !seenEmail.has(email)) seenEmail.set(email, record.line);
      if (!sameKey) seenKey.set(key, { line: record.line, email });
    }

    let match: Existing | null = null;
    if (!errors.length) {
      match = (email && existing.byEmail.get(email)) || null;
      if (!match) {
        const candidates = existing.byKey.get(key) ?? [];
        if (candidates.length > 1) errors.push("row.ambiguous");
        else match = candidates[0] ?? null;
      }
      if (match) {
        const first = claimed.get(match.id);
        if (first !== undefined) {
          errors.push("row.same_lawmaker");
          duplicateOf = first;
        } else claimed.set(match.id, record.line);
      }
    }

    summary.rows++;
    const shownName = values.name.length > 200 ? `${values.name.slice(0, 200)}…` : values.name;
    const base = { line: record.line, name: shownName, notes: record.notes };
    if (errors.length) {
      summary.errors++;
      rows.push({ ...base, action: "error", errors, ...(duplicateOf ? { duplicateOf } : {}) });
      continue;
    }
    // An empty e-mail cell keeps the address already known: public lists often leave it out.
    if (match && !values.email && match.email) values.email = match.email;
    const changes = match ? changedColumns(match, values) : [];
    const action = !match ? "create" : changes.length ? "update" : "unchanged";
    summary[action]++;
    rows.push({ ...base, action, errors, ...(action === "update" ? { changes } : {}) });
    valid.push({ values, existing: match, changes });
  }
  if (summary.rows === 0) return emptyReport(format, [{ code: "file.empty" }]);
  return { report: { format, fileErrors: [], rows, summary }, valid };
}

export function hasErrors(report: ImportReport): boolean {
  return report.fileErrors.length > 0 || report.summary.errors > 0;
}

/** The dry run: the report of what an import would do. Writes nothing. */
export async function checkImport(text: string): Promise<ImportReport> {
  return (await check(db, text)).report;
}

export type ImportOutcome = Result<
  { report: ImportReport; created: number; updated: number; unchanged: number },
  { report: ImportReport }
>;

function columnsOf(values: LawmakerValues) {
  return {
    ...values,
    email_normalised: lawmakerEmailKey(values.email),
    match_key: lawmakerMatchKey(values),
    search_text: lawmakerSearchText(values),
  };
}

const INSERT_BATCH = 200;

/**
 * The import: checks the file again and, only if nothing is wrong, creates and updates every
 * lawmaker in one transaction. The import is audited once with the ids it created (one audit row
 * per created lawmaker would double the write and the time), and each update with what changed.
 * `actor` is null for the command line.
 */
export async function importLawmakers(actor: User | null, text: string): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const { report, valid } = await check(trx, text);
    if (hasErrors(report)) return { ok: false as const, report };
    const now = new Date().toISOString();
    const actorUserId = actor?.id ?? null;
    const creates = valid.filter((row) => !row.existing);
    const createdIds: number[] = [];
    for (let i = 0; i < creates.length; i += INSERT_BATCH) {
      const batch = creates.slice(i, i + INSERT_BATCH);
      const ids = await trx
        .insertInto("lawmakers")
        .values(batch.map((row) => ({ ...columnsOf(row.values), created_at: now, updated_at: now })))
        .returning("id")
        .execute();
      createdIds.push(...ids.map((row) => row.id));
    }
    let updated = 0;
    for (const row of valid) {
      if (!row.existing || !row.changes.length) continue;
      await trx
        .updateTable("lawmakers")
        .set({ ...columnsOf(row.values), updated_at: now })
        .where("id", "=", row.existing.id)
        .execute();
      const pick = (source: LawmakerValues) =>
        Object.fromEntries(row.changes.map((c) => [c, source[c as keyof LawmakerValues]]));
      await recordAudit(trx, {
        actorUserId,
        action: "lawmaker.import_update",
        entityType: "lawmaker",
        entityId: row.existing.id,
        before: pick(row.existing),
        after: pick(row.values),
      });
      updated++;
    }
    const unchanged = report.summary.unchanged;
    await recordAudit(trx, {
      actorUserId,
      action: "lawmaker.import",
      entityType: "lawmaker",
      entityId: null,
      // The created rows are the file's own values: their ids are enough to find them.
      after: {
        format: report.format,
        rows: report.summary.rows,
        created: creates.length,
        updated,
        unchanged,
        created_ids: createdIds,
      },
    });
    return { ok: true as const, report, created: creates.length, updated, unchanged };
  });
}
