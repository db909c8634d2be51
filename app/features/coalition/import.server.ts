/**
 * Staff import of coalition members from CSV: parse, check every row (the dry run), then write the
 * whole file in one transaction, and only when the same checks find nothing wrong.
 *
 * The checks run again inside the import's transaction, so what is written is exactly what a dry
 * run of the same file in the same state would have reported.
 */
import type { Kysely, Transaction } from "kysely";
import { db } from "../../../db/connection";
import type { Database, User } from "../../../db/schema";
import { recordAudit } from "../security/audit.server";
import { SECTORS, type Sector } from "./constants";
import { insertMembers, updateMember, type MemberInput } from "./members.server";

type Executor = Kysely<Database> | Transaction<Database>;

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
// RFC 4180 reader
// ---------------------------------------------------------------------------------------------

export interface CsvRecord {
  /** The physical line (1-based) where the record starts. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly code: "unterminated_quote" | "bad_quote",
    readonly line: number,
  ) {
    super(`CSV syntax error (${code}) on line ${line}`);
    this.name = "CsvSyntaxError";
  }
}

/**
 * Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes, `""` for a quote
 * inside a quoted field, quoted fields may span lines. Records end with CRLF, LF or CR. A quote
 * in the middle of an unquoted field is kept as text; text after a closing quote is an error, and
 * so is a quote left open at the end of the file. Empty lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const length = text.length;
  let line = 1;
  let i = 0;
  while (i < length) {
    const start = line;
    const cells: string[] = [];
    // One record.
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 0x22 /* " */) {
        let value = "";
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) throw new CsvSyntaxError("unterminated_quote", start);
          const chunk = text.slice(from, quote);
          value += chunk;
          for (let k = 0; k < chunk.length; k++) {
            const c = chunk.charCodeAt(k);
            if (c === 0x0a || (c === 0x0d && chunk.charCodeAt(k + 1) !== 0x0a)) line++;
          }
          if (text.charCodeAt(quote + 1) === 0x22) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        cell = value;
        const next = text.charCodeAt(i);
        if (i < length && next !== 0x2c && next !== 0x0a && next !== 0x0d) throw new CsvSyntaxError("bad_quote", line);
      } else {
        let end = i;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c === 0x2c || c === 0x0a || c === 0x0d) break;
          end++;
        }
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (i >= length) break;
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        continue;
      }
      // End of record: CRLF, LF or CR.
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: start, cells });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

/**
 * Error codes of a row, `field.problem` (translated by the page as `import.errors.<code>`):
 * name.required / too_long / line_break / duplicate, sector.invalid, jurisdiction.required /
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
}

/** Problems with the file as a whole: nothing is checked row by row then. */
export type FileErrorCode =
  | "file.missing"
  | "file.too_large"
  | "file.not_utf8"
  | "file.empty"
  | "file.too_many_rows"
  | "file.unterminated_quote"
  | "file.bad_quote"
  | "header.missing"
  | "header.duplicate";

export interface FileError {
  code: FileErrorCode;
  line?: number;
  /** The columns concerned (missing or repeated header columns). */
  columns?: string[];
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

function nameKey(name: string): string {
  return name.trim().toLowerCase();
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

/** Bytes → text: UTF-8 only, a byte-order mark is dropped. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: FileError } {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, error: { code: "file.too_large" } };
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    return { ok: false, error: { code: "file.not_utf8" } };
  }
}

async function existingMembers(
  executor: Executor,
): Promise<Map<string, { id: number; public_profile: string | null }>> {
  const rows = await executor
    .selectFrom("coalition_members")
    .select(["id", "name", "public_profile"])
    .orderBy("id")
    .execute();
  const byName = new Map<string, { id: number; public_profile: string | null }>();
  for (const row of rows) {
    const key = nameKey(row.name);
    if (!byName.has(key)) byName.set(key, { id: row.id, public_profile: row.public_profile });
  }
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
      rows.push({ line: record.line, name: display, action: "error", errors, ...(duplicateOf ? { duplicateOf } : {}) });
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

export type ImportOutcome =
  { ok: true; report: ImportReport; created: number; updated: number } | { ok: false; report: ImportReport };

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
