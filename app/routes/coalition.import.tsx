import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvFileForm, FileErrors, ImportProgress } from "~/components/csv-import";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { readCsvUpload, type FileError } from "~/lib/csv-import.server";
import {
  checkImport,
  hasErrors,
  IMPORT_COLUMNS,
  importMembers,
  MAX_IMPORT_BYTES,
  type ImportReport,
  type ImportRow,
} from "~/features/coalition/import.server";

export const handle = { titleKey: "coalition:import.title" };

/** The report table lists every row with errors, and the others up to this many. */
const TABLE_LIMIT = 1_000;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const count = (name: string) => {
    const value = params.get(name);
    return value && /^\d{1,6}$/.test(value) ? Number(value) : null;
  };
  const created = count("created");
  const updated = count("updated");
  return {
    imported: created !== null && updated !== null ? { created, updated } : null,
    columns: IMPORT_COLUMNS.join(","),
  };
}

type ActionResult =
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

/** Every row with errors first, then the others, up to the table's limit. */
function shownRows(rows: ImportRow[]) {
  const errors = rows.filter((row) => row.action === "error");
  const others = rows.filter((row) => row.action !== "error");
  const shown = [...errors, ...others.slice(0, Math.max(0, TABLE_LIMIT - errors.length))];
  shown.sort((a, b) => a.line - b.line);
  return { rows: shown, total: rows.length };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const upload = await readCsvUpload(request, MAX_IMPORT_BYTES);
  if (!upload.ok) return fileProblem(upload.intent, upload.error);
  const { intent, text, bytes } = upload;

  if (intent === "import") {
    const outcome = await importMembers(user, text);
    if (outcome.ok) throw redirect(`/coalition/import?created=${outcome.created}&updated=${outcome.updated}`);
    const { rows, ...rest } = outcome.report;
    return data<ActionResult>(
      { intent, fileErrors: rest.fileErrors, report: rest, csv: null, shown: shownRows(rows) },
      { status: 400 },
    );
  }
  const report = await checkImport(text);
  const { rows, ...rest } = report;
  const ok = !hasErrors(report);
  return data<ActionResult>(
    {
      intent,
      fileErrors: rest.fileErrors,
      report: rest,
      csv: ok ? Buffer.from(bytes).toString("base64") : null,
      shown: shownRows(rows),
    },
    { status: rest.fileErrors.length ? 400 : 200 },
  );
}

export default function CoalitionImportPage() {
  const { t, i18n } = useTranslation("coalition");
  const { imported, columns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pendingIntent = navigation.formData?.get("intent");
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <div className="stack">
      <PageHeader title={t("import.title")} lead={t("import.lead")}>
        <p>
          <a href="/coalition/export.csv">{t("import.export")}</a>
        </p>
      </PageHeader>

      {imported && !result ? (
        <p className="alert alert-success" role="status">
          {t("import.done", { created: number(imported.created), updated: number(imported.updated) })}
        </p>
      ) : null}

      <CsvFileForm
        ns="coalition"
        busy={busy}
        hints={[{ id: "import-columns", text: t("import.columnsHint", { columns }) }]}
      />

      <ImportProgress busy={busy} intent={pendingIntent === "import" ? "import" : "check"} rows={null} />

      {result ? <FileErrors ns="coalition" errors={result.fileErrors} columns={columns} /> : null}

      {result?.report && !result.fileErrors.length ? (
        <section aria-labelledby="import-report" className="stack">
          <h2 id="import-report">{result.intent === "import" ? t("import.notImported") : t("import.report")}</h2>
          <p role="status" className={result.report.summary.errors ? "alert alert-error" : "alert alert-info"}>
            {t("import.summary", {
              rows: number(result.report.summary.rows),
              create: number(result.report.summary.create),
              update: number(result.report.summary.update),
              errors: number(result.report.summary.errors),
            })}{" "}
            {result.report.summary.errors ? t("import.fixFirst") : null}
          </p>
          {result.csv ? (
            <Form method="post" encType="multipart/form-data">
              <input type="hidden" name="csv" value={result.csv} />
              <button type="submit" name="intent" value="import" disabled={busy}>
                {t("import.confirm", {
                  create: number(result.report.summary.create),
                  update: number(result.report.summary.update),
                })}
              </button>
            </Form>
          ) : null}
          {result.shown && result.shown.rows.length < result.shown.total ? (
            <p className="hint">
              {t("import.partial", { shown: number(result.shown.rows.length), total: number(result.shown.total) })}
            </p>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("import.report")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.name")}</th>
                  <th scope="col">{t("import.action")}</th>
                  <th scope="col">{t("import.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {result.shown?.rows.map((row) => (
                  <tr key={row.line} className={row.action === "error" ? "row-error" : undefined}>
                    <td>{row.line}</td>
                    <td>{row.name}</td>
                    <td>{t(`import.actions.${row.action}`)}</td>
                    <td>
                      {row.errors.length ? (
                        <ul>
                          {row.errors.map((code) => (
                            <li key={code}>
                              {t(`import.errors.${code}`, { line: row.duplicateOf, name: row.similarTo })}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
