/**
 * What the CSV imports (coalition members, lawmakers) share: reading the uploaded file from a
 * multipart form, decoding it, and an RFC 4180 reader that keeps each record's line number for the
 * dry-run report.
 */
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { Result } from "~/lib/result";

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
  | "header.duplicate"
  // JSON imports (lawmakers from Popolo).
  | "file.not_json"
  | "file.too_deep"
  | "file.forbidden_key"
  | "popolo.not_popolo"
  | "popolo.invalid"
  | "popolo.no_legislature"
  | "popolo.choose_legislature"
  | "popolo.unknown_legislature"
  | "popolo.no_jurisdiction";

export interface FileError {
  code: FileErrorCode;
  line?: number;
  /** The columns concerned (missing or repeated header columns). */
  columns?: string[];
  /** What else the message names: where in a JSON file, or the choices it offers. */
  detail?: string;
}

export type ImportIntent = "check" | "import";

/** `all`: any invalid row refuses the file. `skip`: the valid rows are written, the others skipped. */
export type ImportMode = "all" | "skip";

/** Bytes → text: UTF-8 only, at most `maxBytes`. */
export function decodeCsv(bytes: Uint8Array, maxBytes: number): Result<{ text: string }, { error: FileError }> {
  if (bytes.byteLength > maxBytes) return { ok: false, error: { code: "file.too_large" } };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, error: { code: "file.not_utf8" } };
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export type CsvUpload = Result<
  { intent: ImportIntent; mode: ImportMode; text: string; bytes: Uint8Array; fields: Record<string, string> },
  { intent: ImportIntent; mode: ImportMode; error: FileError }
>;

/** The longest value kept of a form's other fields (`fields`). */
const MAX_FIELD_LENGTH = 1000;

/** The largest import form for a file limit: the file may come back base64-encoded (4/3 larger). */
export function csvRequestLimit(maxBytes: number): number {
  return csvFieldLimit(maxBytes) + 64 * 1024;
}

const csvFieldLimit = (maxBytes: number) => Math.ceil(maxBytes / 3) * 4 + 16;

/**
 * Reads an import form: `intent` (check | import), `mode` (all | skip, all unless said) and the file, either uploaded (`file`) or sent
 * back as base64 (`csv`) by the Import button after a clean dry run, and the text fields named in
 * `fields` (how to read the file; sent back with it). Refuses what is too large before reading
 * it: browsers always say how large a form is.
 */
export async function readCsvUpload(
  request: Request,
  maxBytes: number,
  fieldNames: readonly string[] = [],
): Promise<CsvUpload> {
  const maxFieldBytes = csvFieldLimit(maxBytes);
  const maxRequestBytes = csvRequestLimit(maxBytes);
  const length = request.headers.get("Content-Length");
  const refused = (code: FileErrorCode) => ({
    ok: false as const,
    intent: "check" as const,
    mode: "all" as const,
    error: { code },
  });
  if (!length || !/^\d{1,12}$/.test(length)) return refused("file.missing");
  if (Number(length) > maxRequestBytes) return refused("file.too_large");
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: maxFieldBytes }),
    );
  } catch (error) {
    return refused(error instanceof MaxPartSizeExceededError ? "file.too_large" : "file.missing");
  }
  const intent: ImportIntent = formData.get("intent") === "import" ? "import" : "check";
  const mode: ImportMode = formData.get("mode") === "skip" ? "skip" : "all";
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of fieldNames) {
    const value = formData.get(name);
    if (typeof value === "string" && value.length <= MAX_FIELD_LENGTH) fields[name] = value;
  }

  let bytes: Uint8Array | null = null;
  const file = formData.get("file");
  const copy = formData.get("csv");
  if (file instanceof File && file.size > 0) {
    if (file.size > maxBytes) return { ok: false, intent, mode, error: { code: "file.too_large" } };
    bytes = new Uint8Array(await file.arrayBuffer());
  } else if (typeof copy === "string" && copy && BASE64.test(copy)) {
    bytes = new Uint8Array(Buffer.from(copy, "base64"));
  }
  if (!bytes) return { ok: false, intent, mode, error: { code: "file.missing" } };
  const decoded = decodeCsv(bytes, maxBytes);
  if (!decoded.ok) return { ok: false, intent, mode, error: decoded.error };
  return { ok: true, intent, mode, text: decoded.text, bytes, fields };
}

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
