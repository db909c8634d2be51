/**
 * The route action both CSV imports (coalition members, lawmakers) run: read the upload, then
 * either check it (a dry run whose report lists every row) or import it and redirect with the
 * counts. The feature supplies the checks and the writes; the route supplies the guard. An import
 * that offers the skipping mode (`modes`) may render what it did instead of redirecting (`finished`),
 * for what does not fit in a URL (the skipped rows).
 */
import { data, redirect } from "@remix-run/node";
import { readCsvUpload, type FileError, type ImportIntent, type ImportMode } from "~/lib/csv-import.server";
import type { Nothing, Result } from "~/lib/result";

interface ReportRow {
  line: number;
  action: string;
}

interface Report {
  fileErrors: FileError[];
  rows: ReportRow[];
}

type RowOf<R extends Report> = R["rows"][number];

export type CsvImportResult<R extends Report, Done = never> =
  | {
      intent: ImportIntent;
      mode: ImportMode;
      /** The form's other fields as sent (see `fields`), to show and send back with the file. */
      fields: Record<string, string>;
      fileErrors: FileError[];
      report: null;
      csv: null;
      shown: null;
      done: null;
    }
  | {
      intent: ImportIntent;
      mode: ImportMode;
      fields: Record<string, string>;
      fileErrors: FileError[];
      report: Omit<R, "rows">;
      /** The checked file, base64, for the Import button (only when it can be imported). */
      csv: string | null;
      shown: { rows: RowOf<R>[]; total: number };
      done: null;
    }
  | {
      intent: "import";
      mode: ImportMode;
      fields: Record<string, string>;
      fileErrors: [];
      report: null;
      csv: null;
      shown: null;
      /** What a finished import rendered instead of redirecting. */
      done: Done;
    };

export interface CsvImportSteps<R extends Report, Outcome, Done = never> {
  maxBytes: number;
  /** The report table lists every flagged row, and the others up to this many. */
  tableLimit: number;
  flagged: (row: RowOf<R>) => boolean;
  /** The form's other text fields that say how to read the file (given to `check` and `run`). */
  fields?: readonly string[];
  check: (text: string, fields: Record<string, string>) => Promise<R>;
  hasErrors: (report: R) => boolean;
  /** Whether the form offers the skipping mode; when not, every import is all or nothing. */
  modes?: boolean;
  /** Checks the file again and writes it: all of it only when nothing is wrong, or the valid rows. */
  run: (text: string, mode: ImportMode, fields: Record<string, string>) => Promise<Outcome>;
  /** Where a finished import goes (post/redirect/get), its counts in the query. */
  doneUrl: (outcome: Extract<Outcome, { ok: true }>, ms: number) => string;
  /** What to render instead of redirecting, when a finished import has more to show than counts. */
  finished?: (outcome: Extract<Outcome, { ok: true }>, ms: number) => Promise<Done | null>;
}

/** Flagged rows first, then the others, up to the table's limit, in file order. */
function shownRows<Row extends ReportRow>(rows: Row[], limit: number, flagged: (row: Row) => boolean) {
  const first = rows.filter(flagged);
  const others = rows.filter((row) => !flagged(row));
  const shown = [...first, ...others.slice(0, Math.max(0, limit - first.length))];
  shown.sort((a, b) => a.line - b.line);
  return { rows: shown, total: rows.length };
}

export async function csvImportAction<R extends Report, Outcome extends Result<Nothing, { report: R }>, Done = never>(
  request: Request,
  steps: CsvImportSteps<R, Outcome, Done>,
) {
  type Row = RowOf<R>;
  type Result = CsvImportResult<R, Done>;
  const upload = await readCsvUpload(request, steps.maxBytes, steps.fields);
  const mode: ImportMode = steps.modes ? upload.mode : "all";
  if (!upload.ok) {
    return data<Result>(
      {
        intent: upload.intent,
        mode,
        fields: {},
        fileErrors: [upload.error],
        report: null,
        csv: null,
        shown: null,
        done: null,
      },
      { status: 400 },
    );
  }
  const { intent, text, bytes, fields } = upload;
  const show = (rows: Row[]) => shownRows(rows, steps.tableLimit, steps.flagged);

  if (intent === "import") {
    const started = performance.now();
    const outcome = await steps.run(text, mode, fields);
    if (outcome.ok) {
      const done = outcome as Extract<Outcome, { ok: true }>;
      const ms = Math.round(performance.now() - started);
      const rendered = steps.finished ? await steps.finished(done, ms) : null;
      if (rendered === null) throw redirect(steps.doneUrl(done, ms));
      return data<Result>({
        intent,
        mode,
        fields,
        fileErrors: [],
        report: null,
        csv: null,
        shown: null,
        done: rendered,
      });
    }
    const { rows, ...rest } = (outcome as { ok: false; report: R }).report;
    return data<Result>(
      { intent, mode, fields, fileErrors: rest.fileErrors, report: rest, csv: null, shown: show(rows), done: null },
      { status: 400 },
    );
  }
  const report = await steps.check(text, fields);
  const { rows, ...rest } = report;
  // Skipping, a file whose rows have errors can still be imported; one the reader refused cannot.
  const importable =
    mode === "skip" ? !rest.fileErrors.length && rows.some((row) => row.action !== "error") : !steps.hasErrors(report);
  return data<Result>(
    {
      intent,
      mode,
      fields,
      fileErrors: rest.fileErrors,
      report: rest,
      csv: importable ? Buffer.from(bytes).toString("base64") : null,
      shown: show(rows),
      done: null,
    },
    { status: rest.fileErrors.length ? 400 : 200 },
  );
}
