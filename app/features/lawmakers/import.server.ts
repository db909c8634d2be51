/**
 * Staff import of lawmakers from CSV: parse, check every row (the dry run), then write the file in
 * one transaction. All or nothing (the default): only when the same checks find nothing wrong.
 * Skipping: the valid rows, and the others come back with their errors (see skipped-csv.server.ts).
 * A row updates the lawmaker with the same e-mail, else the one with the same name + body +
 * jurisdiction; otherwise it creates one. A row with neither an e-mail nor a contact URL is valid:
 * the lawmaker has no contact yet (see identity.ts). The checks run again inside the import's transaction, so what is written is
 * exactly what a dry run of the same file in the same state would have reported.
 *
 * Three formats are read (see import-read.ts): our columns (see IMPORT_COLUMNS, and the optional
 * ocd_division_id), the US Congress list, recognised by its header and mapped row by row (see
 * import-rows.ts and us-congress.ts), and Popolo JSON, whose current members of one legislature
 * become rows of our columns (popolo.ts). Every row is then checked by the same validateRow.
 */
import { db } from "~db/connection";
import type { User, Executor } from "~db/schema";
import type { FileError, ImportMode } from "~/lib/csv-import.server";
import { recordAudit } from "~/features/security/audit.server";
import { hasNoContact, lawmakerEmailKey, lawmakerMatchKey, lawmakerSearchText } from "~/features/lawmakers/identity";
import type { ImportFormat } from "~/features/lawmakers/import-rows";
import { readLawmakersFile, type ImportOptions } from "~/features/lawmakers/import-read";
import type { PopoloSummary } from "~/features/lawmakers/popolo";
import { validateRow, type LawmakerValues } from "~/features/lawmakers/validate-row";
import type { Result } from "~/lib/result";

export type { ImportFormat, ImportOptions };

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

export type { FileError, ImportMode };

export interface ImportSummary {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: number;
  /** Valid rows whose lawmaker has no e-mail and no contact URL (imported, flagged). */
  noContact: number;
}

/** A row left out of a skipping import: its cells as read, and why. */
export interface SkippedRow {
  line: number;
  cells: string[];
  errors: string[];
  duplicateOf?: number;
}

interface Checked {
  report: ImportReport;
  valid: CheckedRow[];
  /** The file's first line as read (the skipped rows' CSV repeats it). */
  header: string[];
  skipped: SkippedRow[];
}

export interface ImportReport {
  format: ImportFormat;
  /** Popolo files: the legislature read, and how many persons were left out. */
  popolo: PopoloSummary | null;
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
  "ocd_division_id",
];

function emptySummary(): ImportSummary {
  return { rows: 0, create: 0, update: 0, unchanged: 0, errors: 0, noContact: 0 };
}

function emptyReport(format: ImportFormat, fileErrors: FileError[]): Checked {
  return {
    report: { format, popolo: null, fileErrors, rows: [], summary: emptySummary() },
    valid: [],
    header: [],
    skipped: [],
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

async function check(executor: Executor, text: string, options: ImportOptions): Promise<Checked> {
  const today = new Date().toISOString().slice(0, 10);
  const file = readLawmakersFile(text, options, today);
  const { format, popolo } = file;
  if (file.fileErrors.length) return emptyReport(format, file.fileErrors);
  const mapped = file.rows;

  const [jurisdictionRows, existing] = await Promise.all([
    executor.selectFrom("jurisdictions").select("code").execute(),
    loadExisting(executor),
  ]);
  const jurisdictions = new Set(jurisdictionRows.map((row) => row.code));
  const seenEmail = new Map<string, number>();
  const seenKey = new Map<string, { line: number; email: string | null }>();
  const claimed = new Map<number, number>();
  const rows: ImportRow[] = [];
  const valid: CheckedRow[] = [];
  const skipped: SkippedRow[] = [];
  const summary = emptySummary();

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
      const dup = duplicateOf ? { duplicateOf } : {};
      rows.push({ ...base, action: "error", errors, ...dup });
      skipped.push({ line: record.line, cells: record.raw, errors, ...dup });
      continue;
    }
    // An empty e-mail cell keeps the address already known: public lists often leave it out.
    if (match && !values.email && match.email) values.email = match.email;
    // A row with no contact at all keeps the known contact form too, rather than losing it.
    if (match && !values.email && !values.contact_url && match.contact_url) values.contact_url = match.contact_url;
    // A list without divisions (or this one's) keeps the division already known, as the e-mail.
    if (match && !values.ocd_division_id && match.ocd_division_id) values.ocd_division_id = match.ocd_division_id;
    const changes = match ? changedColumns(match, values) : [];
    const action = !match ? "create" : changes.length ? "update" : "unchanged";
    summary[action]++;
    const notes = hasNoContact(values) ? [...base.notes, "contact.none"] : base.notes;
    if (hasNoContact(values)) summary.noContact++;
    rows.push({ ...base, notes, action, errors, ...(action === "update" ? { changes } : {}) });
    valid.push({ values, existing: match, changes });
  }
  if (summary.rows === 0) return emptyReport(format, [{ code: "file.empty" }]);
  return { report: { format, popolo, fileErrors: [], rows, summary }, valid, header: file.header, skipped };
}

export function hasErrors(report: ImportReport): boolean {
  return report.fileErrors.length > 0 || report.summary.errors > 0;
}

/** The dry run: the report of what an import would do. Writes nothing. */
export async function checkImport(text: string, options: ImportOptions = {}): Promise<ImportReport> {
  return (await check(db, text, options)).report;
}

export type ImportOutcome = Result<
  {
    report: ImportReport;
    mode: ImportMode;
    created: number;
    updated: number;
    unchanged: number;
    /** Rows left out (skipping only), with the file's first line to list them under. */
    skipped: SkippedRow[];
    header: string[];
  },
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
 * The import: checks the file again and creates and updates the lawmakers in one transaction:
 * all or nothing, only if nothing is wrong; skipping, the valid rows unless the file itself is
 * wrong (no header, bad quoting: then nothing is written either). The import is audited once with the ids it created (one audit row
 * per created lawmaker would double the write and the time), and each update with what changed.
 * `actor` is null for the command line.
 */
export async function importLawmakers(
  actor: User | null,
  text: string,
  mode: ImportMode = "all",
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const { report, valid, header, skipped } = await check(trx, text, options);
    if (report.fileErrors.length || (mode === "all" && hasErrors(report))) return { ok: false as const, report };
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
        ...(report.popolo ? { legislature: report.popolo.legislature.id } : {}),
        mode,
        rows: report.summary.rows,
        created: creates.length,
        updated,
        unchanged,
        skipped: skipped.length,
        no_contact: report.summary.noContact,
        created_ids: createdIds,
        // The lines left out: their content stays in the staff member's download, not here.
        skipped_lines: skipped.map((row) => row.line),
      },
    });
    return { ok: true as const, report, mode, created: creates.length, updated, unchanged, skipped, header };
  });
}
