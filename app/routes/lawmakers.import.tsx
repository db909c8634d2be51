import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvFileForm, FileErrors, ImportProgress } from "~/components/csv-import";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { readCsvUpload, type FileError } from "~/lib/csv-import.server";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/features/lawmakers/constants";
import {
  checkImport,
  hasErrors,
  importLawmakers,
  type ImportReport,
  type ImportRow,
} from "~/features/lawmakers/import.server";
import { ReportTable } from "~/features/lawmakers/import-ui";

export const handle = { titleKey: "lawmakers:import.title" };

/** The report table lists every row with errors, and the others up to this many. */
const TABLE_LIMIT = 300;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const count = (name: string) => {
    const value = params.get(name);
    return value && /^\d{1,7}$/.test(value) ? Number(value) : null;
  };
  const created = count("created");
  const updated = count("updated");
  const unchanged = count("unchanged");
  const ms = count("ms");
  return {
    imported:
      created !== null && updated !== null && unchanged !== null ? { created, updated, unchanged, ms: ms ?? 0 } : null,
    columns: IMPORT_COLUMNS.join(", "),
    maxRows: MAX_IMPORT_ROWS,
    maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024,
  };
}

export type ActionResult =
  | { intent: "check" | "import"; fileErrors: FileError[]; report: null; csv: null; shown: null }
  | {
      intent: "check" | "import";
      fileErrors: FileError[];
      report: Omit<ImportReport, "rows">;
      /** The checked file, base64, for the Import button (only when it has no errors). */
      csv: string | null;
      shown: { rows: ImportRow[]; total: number };
    };

function fileProblem(intent: "check" | "import", error: FileError) {
  return data<ActionResult>({ intent, fileErrors: [error], report: null, csv: null, shown: null }, { status: 400 });
}

/** Every row with errors or notes first, then the others, up to the table's limit. */
function shownRows(rows: ImportRow[]) {
  const flagged = rows.filter((row) => row.action === "error" || row.notes.length);
  const others = rows.filter((row) => row.action !== "error" && !row.notes.length);
  const shown = [...flagged, ...others.slice(0, Math.max(0, TABLE_LIMIT - flagged.length))];
  shown.sort((a, b) => a.line - b.line);
  return { rows: shown, total: rows.length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const upload = await readCsvUpload(request, MAX_IMPORT_BYTES);
  if (!upload.ok) return fileProblem(upload.intent, upload.error);
  const { intent, text, bytes } = upload;

  if (intent === "import") {
    const started = performance.now();
    const outcome = await importLawmakers(user, text);
    if (outcome.ok) {
      const ms = Math.round(performance.now() - started);
      const { created, updated, unchanged } = outcome;
      throw redirect(`/lawmakers/import?created=${created}&updated=${updated}&unchanged=${unchanged}&ms=${ms}`);
    }
    const { rows, ...rest } = outcome.report;
    return data<ActionResult>(
      { intent, fileErrors: rest.fileErrors, report: rest, csv: null, shown: shownRows(rows) },
      { status: 400 },
    );
  }
  const report = await checkImport(text);
  const { rows, ...rest } = report;
  return data<ActionResult>(
    {
      intent,
      fileErrors: rest.fileErrors,
      report: rest,
      csv: hasErrors(report) ? null : Buffer.from(bytes).toString("base64"),
      shown: shownRows(rows),
    },
    { status: rest.fileErrors.length ? 400 : 200 },
  );
}

export default function LawmakersImportPage() {
  const { t, i18n } = useTranslation("lawmakers");
  const { imported, columns, maxRows, maxMegabytes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pendingIntent = busy ? navigation.formData?.get("intent") : null;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const summary = result?.report?.summary;
  return (
    <div className="stack">
      <PageHeader title={t("import.title")} lead={t("import.lead")}>
        <p>
          <Link to="/lawmakers">{t("import.toDirectory")}</Link>
        </p>
      </PageHeader>

      {imported && !result && !busy ? (
        <p className="alert alert-success" role="status">
          {t("import.done", {
            count: imported.created,
            created: number(imported.created),
            updated: number(imported.updated),
            unchanged: number(imported.unchanged),
            seconds: (imported.ms / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
          })}{" "}
          <Link to="/lawmakers">{t("import.toDirectory")}</Link>
        </p>
      ) : null}

      <CsvFileForm
        ns="lawmakers"
        busy={busy}
        hints={[
          { id: "import-columns", text: t("import.columnsHint", { columns }) },
          {
            id: "import-limits",
            text: `${t("import.limits", { rows: number(maxRows), megabytes: maxMegabytes })} ${t("import.usHint")}`,
          },
        ]}
      />

      <ImportProgress
        busy={busy}
        intent={pendingIntent === "import" ? "import" : "check"}
        // The checked file's row count, when it is that file being imported.
        rows={result?.csv && summary && navigation.formData?.has("csv") ? summary.rows : null}
      />

      {result && !busy ? <FileErrors ns="lawmakers" errors={result.fileErrors} columns={columns} /> : null}

      {result?.report && summary && !result.fileErrors.length && !busy ? (
        <section aria-labelledby="import-report" className="stack">
          <h2 id="import-report">{result.intent === "import" ? t("import.notImported") : t("import.report")}</h2>
          {result.report.format === "us_congress" ? <p className="alert alert-info">{t("import.usDetected")}</p> : null}
          <p role="status" className={summary.errors ? "alert alert-error" : "alert alert-info"}>
            {t("import.summary", {
              count: summary.rows,
              rows: number(summary.rows),
              create: number(summary.create),
              update: number(summary.update),
              unchanged: number(summary.unchanged),
              errors: number(summary.errors),
            })}{" "}
            {summary.errors ? t("import.fixFirst") : null}
          </p>
          {result.csv ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="csv" value={result.csv} />
              <button type="submit" name="intent" value="import">
                {t("import.confirm", { create: number(summary.create), update: number(summary.update) })}
              </button>
            </Form>
          ) : null}
          {result.shown && result.shown.rows.length < result.shown.total ? (
            <p className="hint">
              {t("import.partial", { shown: number(result.shown.rows.length), total: number(result.shown.total) })}
            </p>
          ) : null}
          {result.shown ? <ReportTable rows={result.shown.rows} /> : null}
        </section>
      ) : null}
    </div>
  );
}
