/**
 * Staff import of coalition members from CSV: parse, check every row (the dry run), then write the
 * whole file in one transaction, and only when the same checks find nothing wrong.
 *
 * The checks run again inside the import's transaction, so what is written is exactly what a dry
 * run of the same file in the same state would have reported.
 */
import { db } from "~db/connection";
import type { User, Executor } from "~db/schema";
import { CsvSyntaxError, parseCsv, type CsvRecord, type FileError } from "~/lib/csv-import.server";
import { foldName } from "~/lib/search";
import { recordAudit } from "~/features/security/audit.server";
import { SECTORS, type Sector } from "~/lib/vocabularies";
import { insertMembers, updateMember, type MemberInput } from "~/features/coalition/members.server";
import type { Result } from "~/lib/result";

/** The largest file accepted, in bytes. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 10_000;
export const IMPORT_COLUMNS = ["name", "sector", "jurisdiction", "website", "joined_on", "contact_email"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const MAX_NAME = 200;
const MAX_WEBSITE = 500;
const MAX_EMAIL = 254;

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/**
 * Error codes of a row, `field.problem` (translated by the page as `import.errors.<code>`):
 * name.required / too_long / line_break / duplicate / taken, sector.invalid, jurisdiction.required /
 * unknown, website.invalid / too_long, joined_on.invalid, contact_email.invalid / too_long /
 * line_break, row.columns.
 */
export type RowErrorCode = string;

export interface ImportRow {
  line: number;
  name: string;
  action: "create" | "update" | "error";
  errors: RowErrorCode[];
  /** For `name.duplicate`: the line where the same name first appears. */
  duplicateOf?: number;
  /** For `name.taken`: the existing member whose name folds to the same but is spelled otherwise. */
  similarTo?: string;
}

export interface ImportReport {
  fileErrors: FileError[];
  rows: ImportRow[];
  summary: { rows: number; create: number; update: number; errors: number };
}

/** A row that passed every check, ready to write. */
interface CheckedRow {
  line: number;
  input: Omit<MemberInput, "publicProfile">;
  existingId: number | null;
}

interface Checked {
  report: ImportReport;
  valid: CheckedRow[];
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LINE_BREAK = /[\r\n]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Names are unique once folded for case and accents (`foldName`): two rows of a file that fold
 * alike are duplicates. A row updates the member of the same name (apart from letter case); one
 * that only folds like a member's name ("Electronique libre" for "Électronique Libre") is an error,
 * so an import never renames a member by accident.
 */
function nameKey(name: string): string {
  return foldName(name);
}

function sameSpelling(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function isWebsite(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0 && !url.username;
  } catch {
    return false;
  }
}

function emptyReport(fileErrors: FileError[]): Checked {
  return { report: { fileErrors, rows: [], summary: { rows: 0, create: 0, update: 0, errors: 0 } }, valid: [] };
}

interface ExistingMember {
  id: number;
  name: string;
  public_profile: string | null;
}

async function existingMembers(executor: Executor): Promise<Map<string, ExistingMember>> {
  const rows = await executor
    .selectFrom("coalition_members")
    .select(["id", "name", "name_folded", "public_profile"])
    .orderBy("id")
    .execute();
  const byName = new Map<string, ExistingMember>();
  for (const row of rows)
    byName.set(row.name_folded, { id: row.id, name: row.name, public_profile: row.public_profile });
  return byName;
}

async function check(executor: Executor, text: string): Promise<Checked & { profiles: Map<number, string | null> }> {
  const profiles = new Map<number, string | null>();
  let records: CsvRecord[];
  try {
    records = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const code = error.code === "bad_quote" ? "file.bad_quote" : "file.unterminated_quote";
      return { ...emptyReport([{ code, line: error.line }]), profiles };
    }
    throw error;
  }
  if (records.length === 0) return { ...emptyReport([{ code: "file.empty" }]), profiles };
  const [header, ...data] = records;
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const missing = IMPORT_COLUMNS.filter((column) => !names.includes(column));
  const repeated = IMPORT_COLUMNS.filter((column) => names.indexOf(column) !== names.lastIndexOf(column));
  const headerErrors: FileError[] = [];
  if (missing.length) headerErrors.push({ code: "header.missing", line: header.line, columns: missing });
  if (repeated.length) headerErrors.push({ code: "header.duplicate", line: header.line, columns: repeated });
  if (headerErrors.length) return { ...emptyReport(headerErrors), profiles };
  if (data.length === 0) return { ...emptyReport([{ code: "file.empty" }]), profiles };
  if (data.length > MAX_IMPORT_ROWS) return { ...emptyReport([{ code: "file.too_many_rows" }]), profiles };

  const index = Object.fromEntries(IMPORT_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<
    ImportColumn,
    number
  >;
  const [jurisdictionRows, existing] = await Promise.all([
    executor.selectFrom("jurisdictions").select("code").execute(),
    existingMembers(executor),
  ]);
  const jurisdictions = new Set(jurisdictionRows.map((row) => row.code));
  for (const member of existing.values()) profiles.set(member.id, member.public_profile);
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  const valid: CheckedRow[] = [];
  const summary = { rows: 0, create: 0, update: 0, errors: 0 };

  for (const record of data) {
    const raw = (column: ImportColumn) => record.cells[index[column]] ?? "";
    // Spreadsheets leave rows of empty cells behind: not a row at all.
    if (record.cells.every((cell) => cell.trim() === "")) continue;
    const errors: RowErrorCode[] = [];
    let duplicateOf: number | undefined;
    let similarTo: string | undefined;
    if (record.cells.length !== header.cells.length) errors.push("row.columns");

    const name = raw("name").trim();
    if (!name) errors.push("name.required");
    else if (name.length > MAX_NAME) errors.push("name.too_long");
    if (LINE_BREAK.test(name)) errors.push("name.line_break");
    else if (CONTROL.test(name)) errors.push("name.control");
    if (name) {
      const first = seen.get(nameKey(name));
      if (first !== undefined) {
        errors.push("name.duplicate");
        duplicateOf = first;
      } else {
        seen.set(nameKey(name), record.line);
      }
      const same = existing.get(nameKey(name));
      if (same && !sameSpelling(same.name, name)) {
        errors.push("name.taken");
        similarTo = same.name;
      }
    }

    const sector = raw("sector").trim().toLowerCase();
    if (!(SECTORS as readonly string[]).includes(sector)) errors.push(sector ? "sector.invalid" : "sector.required");

    const jurisdiction = raw("jurisdiction").trim().toUpperCase();
    if (!jurisdiction) errors.push("jurisdiction.required");
    else if (!jurisdictions.has(jurisdiction)) errors.push("jurisdiction.unknown");

    const website = raw("website").trim();
    if (website.length > MAX_WEBSITE) errors.push("website.too_long");
    else if (website && !isWebsite(website)) errors.push("website.invalid");

    const joinedOn = raw("joined_on").trim();
    if (joinedOn && !isDate(joinedOn)) errors.push("joined_on.invalid");

    const email = raw("contact_email").trim();
    if (LINE_BREAK.test(email)) errors.push("contact_email.line_break");
    else if (email.length > MAX_EMAIL) errors.push("contact_email.too_long");
    else if (email && !EMAIL.test(email)) errors.push("contact_email.invalid");

    summary.rows++;
    const display = name.length > MAX_NAME ? `${name.slice(0, MAX_NAME)}…` : name;
    if (errors.length) {
      summary.errors++;
      rows.push({
        line: record.line,
        name: display,
        action: "error",
        errors,
        ...(duplicateOf ? { duplicateOf } : {}),
        ...(similarTo ? { similarTo } : {}),
      });
      continue;
    }
    const match = existing.get(nameKey(name));
    summary[match ? "update" : "create"]++;
    rows.push({ line: record.line, name, action: match ? "update" : "create", errors });
    valid.push({
      line: record.line,
      existingId: match?.id ?? null,
      input: {
        name,
        sector: sector as Sector,
        jurisdiction,
        website: website || null,
        joinedOn: joinedOn || null,
        contactEmail: email ? email.toLowerCase() : null,
      },
    });
  }
  if (summary.rows === 0) return { ...emptyReport([{ code: "file.empty" }]), profiles };
  return { report: { fileErrors: [], rows, summary }, valid, profiles };
}

export function hasErrors(report: ImportReport): boolean {
  return report.fileErrors.length > 0 || report.summary.errors > 0;
}

/** The dry run: the report of what an import would do. Writes nothing. */
export async function checkImport(text: string): Promise<ImportReport> {
  return (await check(db, text)).report;
}

export type ImportOutcome = Result<
  { report: ImportReport; created: number; updated: number },
  { report: ImportReport }
>;

/**
 * The import: checks the file again and, only if nothing is wrong, creates and updates every
 * member in one transaction (matching existing members by name, case-insensitively). Updates keep
 * the member's status and public profile. Each write is audited, and so is the import itself.
 */
export async function importMembers(actor: User, text: string): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const { report, valid, profiles } = await check(trx, text);
    if (hasErrors(report)) return { ok: false as const, report };
    const fresh = valid.filter((row) => row.existingId === null);
    await insertMembers(
      trx,
      actor,
      fresh.map((row) => ({ ...row.input, publicProfile: null, status: "active" as const })),
    );
    const created = fresh.length;
    let updated = 0;
    for (const row of valid) {
      if (row.existingId !== null) {
        await updateMember(trx, actor, row.existingId, {
          ...row.input,
          publicProfile: profiles.get(row.existingId) ?? null,
        });
        updated++;
      }
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "member.import",
      entityType: "coalition_member",
      entityId: null,
      after: { rows: report.summary.rows, created, updated },
    });
    return { ok: true as const, report, created, updated };
  });
}

/** The staff export: every member whatever their status, private contact included. */
export async function listMembersForExport() {
  return db
    .selectFrom("coalition_members")
    .select(["name", "sector", "jurisdiction_code", "website", "joined_on", "status", "contact_email"])
    .orderBy("name")
    .orderBy("id")
    .execute();
}
