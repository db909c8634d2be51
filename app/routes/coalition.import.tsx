import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvFileForm, FileErrors, ImportConfirm, ImportProgress, ImportReportTable } from "~/components/csv-import";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { csvImportAction } from "~/lib/csv-import-action.server";
import {
  checkImport,
  hasErrors,
  IMPORT_COLUMNS,
  importMembers,
  MAX_IMPORT_BYTES,
} from "~/features/coalition/import.server";

export const handle = { titleKey: "coalition:import.title" };

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
    columns: IMPORT_COLUMNS.join(", "),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  return csvImportAction(request, {
    maxBytes: MAX_IMPORT_BYTES,
    tableLimit: 1_000,
    flagged: (row) => row.action === "error",
    check: checkImport,
    hasErrors,
    run: (text) => importMembers(user, text),
    doneUrl: ({ created, updated }) => `/coalition/import?created=${created}&updated=${updated}`,
  });
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
            <ImportConfirm
              csv={result.csv}
              busy={busy}
              label={t("import.confirm", {
                create: number(result.report.summary.create),
                update: number(result.report.summary.update),
              })}
            />
          ) : null}
          <ImportReportTable
            ns="coalition"
            rows={result.shown.rows}
            total={result.shown.total}
            problems={(row) =>
              row.errors.map((code) => ({
                key: code,
                text: t(`import.errors.${code}`, { line: row.duplicateOf, name: row.similarTo }),
              }))
            }
          />
        </section>
      ) : null}
    </div>
  );
}
