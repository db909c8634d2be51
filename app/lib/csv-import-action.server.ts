/**
 * The route action both CSV imports (coalition members, lawmakers) run: read the upload, then
 * either check it (a dry run whose report lists every row) or import it and redirect with the
 * counts. The feature supplies the checks and the writes; the route supplies the guard.
 */
import { data, redirect } from "@remix-run/node";
import { readCsvUpload, type FileError, type ImportIntent } from "~/lib/csv-import.server";
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

export type CsvImportResult<R extends Report> =
  | { intent: ImportIntent; fileErrors: FileError[]; report: null; csv: null; shown: null }
  | {
      intent: ImportIntent;
      fileErrors: FileError[];
      report: Omit<R, "rows">;
      /** The checked file, base64, for the Import button (only when it has no errors). */
      csv: string | null;
      shown: { rows: RowOf<R>[]; total: number };
    };

export interface CsvImportSteps<R extends Report, Outcome> {
  maxBytes: number;
  /** The report table lists every flagged row, and the others up to this many. */
  tableLimit: number;
  flagged: (row: RowOf<R>) => boolean;
  check: (text: string) => Promise<R>;
  hasErrors: (report: R) => boolean;
  /** Checks the file again and writes it only when nothing is wrong. */
  run: (text: string) => Promise<Outcome>;
  /** Where a finished import goes (post/redirect/get), its counts in the query. */
  doneUrl: (outcome: Extract<Outcome, { ok: true }>, ms: number) => string;
}

/** Flagged rows first, then the others, up to the table's limit, in file order. */
function shownRows<Row extends ReportRow>(rows: Row[], limit: number, flagged: (row: Row) => boolean) {
  const first = rows.filter(flagged);
  const others = rows.filter((row) => !flagged(row));
  const shown = [...first, ...others.slice(0, Math.max(0, limit - first.length))];
  shown.sort((a, b) => a.line - b.line);
  return { rows: shown, total: rows.length };
}

export async function csvImportAction<R extends Report, Outcome extends Result<Nothing, { report: R }>>(
  request: Request,
  steps: CsvImportSteps<R, Outcome>,
) {
  type Row = RowOf<R>;
  type Result = CsvImportResult<R>;
  const upload = await readCsvUpload(request, steps.maxBytes);
  if (!upload.ok) {
    return data<Result>(
      { intent: upload.intent, fileErrors: [upload.error], report: null, csv: null, shown: null },
      { status: 400 },
    );
  }
  const { intent, text, bytes } = upload;
  const show = (rows: Row[]) => shownRows(rows, steps.tableLimit, steps.flagged);

  if (intent === "import") {
    const started = performance.now();
    const outcome = await steps.run(text);
    if (outcome.ok) {
      throw redirect(steps.doneUrl(outcome as Extract<Outcome, { ok: true }>, Math.round(performance.now() - started)));
    }
    const { rows, ...rest } = (outcome as { ok: false; report: R }).report;
    return data<Result>(
      { intent, fileErrors: rest.fileErrors, report: rest, csv: null, shown: show(rows) },
      { status: 400 },
    );
  }
  const report = await steps.check(text);
  const { rows, ...rest } = report;
  return data<Result>(
    {
      intent,
      fileErrors: rest.fileErrors,
      report: rest,
      csv: steps.hasErrors(report) ? null : Buffer.from(bytes).toString("base64"),
      shown: show(rows),
    },
    { status: rest.fileErrors.length ? 400 : 200 },
  );
}
