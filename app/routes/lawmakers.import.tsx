import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvFileForm, FileErrors, ImportConfirm, ImportProgress, ImportReportTable } from "~/components/csv-import";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { csvImportAction } from "~/lib/csv-import-action.server";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "~/features/lawmakers/constants";
import { checkImport, hasErrors, importLawmakers, type ImportRow } from "~/features/lawmakers/import.server";
import { csvDataUrl, skippedRowsCsv } from "~/features/lawmakers/skipped-csv.server";
import { ImportDone, ImportFormatFields, ImportModeField } from "~/features/lawmakers/import-parts";
import { IMPORT_OPTION_FIELDS, importOptionsOf } from "~/features/lawmakers/import-read";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "lawmakers:import.title" };

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
      created !== null && updated !== null && unchanged !== null
        ? { created, updated, unchanged, ms: ms ?? 0, noContact: count("no_contact") ?? 0, skipped: count("skipped") }
        : null,
    columns: IMPORT_COLUMNS.join(", "),
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    maxRows: MAX_IMPORT_ROWS,
    maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const locale = await getLocale(request);
  return csvImportAction(request, {
    maxBytes: MAX_IMPORT_BYTES,
    tableLimit: 300,
    flagged: (row) => row.action === "error" || row.notes.length > 0,
    fields: IMPORT_OPTION_FIELDS,
    check: (text, fields) => checkImport(text, importOptionsOf(fields)),
    hasErrors,
    modes: true,
    run: (text, mode, fields) => importLawmakers(user, text, mode, importOptionsOf(fields)),
    doneUrl: ({ created, updated, unchanged, mode, report }, ms) =>
      `/lawmakers/import?created=${created}&updated=${updated}&unchanged=${unchanged}&no_contact=${report.summary.noContact}&ms=${ms}${mode === "skip" ? "&skipped=0" : ""}`,
    // Skipped rows: the counts and their CSV, rendered here (the CSV does not fit in a URL and is
    // kept nowhere: it goes out in this answer, as a data: URL).
    finished: async ({ created, updated, unchanged, report, skipped, header }, ms) => {
      const csv = await skippedRowsCsv(header, skipped, locale);
      if (csv === null) return null;
      return {
        created,
        updated,
        unchanged,
        ms,
        noContact: report.summary.noContact,
        skipped: skipped.length,
        skippedCsv: csvDataUrl(csv),
        skippedFile: `lawmakers-skipped-${new Date().toISOString().slice(0, 10)}.csv`,
      };
    },
  });
}

export default function LawmakersImportPage() {
  const { t, i18n } = useTranslation("lawmakers");
  const { imported, columns, maxRows, maxMegabytes, jurisdictions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const pendingIntent = busy ? navigation.formData?.get("intent") : null;
  const number = (n: number) => n.toLocaleString(i18n.language);
  const summary = result?.report?.summary;
  const problems = (row: ImportRow) => [
    ...row.errors.map((code) => ({ key: code, text: t(`import.errors.${code}`, { line: row.duplicateOf }) })),
    ...row.notes.map((code) => ({ key: code, text: t(`import.notes.${code}`) })),
    ...(row.changes?.length
      ? [
          {
            key: "changes",
            text: t("import.changes", { columns: row.changes.map((c) => t(`columns.${c}`)).join(", ") }),
          },
        ]
      : []),
  ];
  return (
    <div className="stack">
      <PageHeader title={t("import.title")} lead={t("import.lead")}>
        <p>
          <Link to="/lawmakers">{t("import.toDirectory")}</Link>
        </p>
      </PageHeader>

      {imported && !result && !busy ? <ImportDone done={imported} /> : null}
      {result?.done && !busy ? <ImportDone done={result.done} /> : null}

      <CsvFileForm
        ns="lawmakers"
        busy={busy}
        accept=".csv,text/csv,.json,application/json"
        hints={[
          { id: "import-columns", text: t("import.columnsHint", { columns }) },
          {
            id: "import-limits",
            text: `${t("import.limits", { rows: number(maxRows), megabytes: maxMegabytes })} ${t("import.usHint")}`,
          },
          { id: "import-popolo", text: t("import.popoloHint") },
        ]}
      >
        <ImportFormatFields fields={result?.fields ?? {}} jurisdictions={jurisdictions} />
        <ImportModeField mode={result?.mode ?? "all"} />
      </CsvFileForm>

      <ImportProgress
        busy={busy}
        intent={pendingIntent === "import" ? "import" : "check"}
        // The checked file's row count (without the rows to skip), when it is that file being imported.
        rows={
          result?.csv && summary && navigation.formData?.has("csv")
            ? summary.rows - (result.mode === "skip" ? summary.errors : 0)
            : null
        }
      />

      {result && !busy ? <FileErrors ns="lawmakers" errors={result.fileErrors} columns={columns} /> : null}

      {result?.report && summary && !result.fileErrors.length && !busy ? (
        <section aria-labelledby="import-report" className="stack">
          <h2 id="import-report">{result.intent === "import" ? t("import.notImported") : t("import.report")}</h2>
          {result.report.format === "us_congress" ? <p className="alert alert-info">{t("import.usDetected")}</p> : null}
          {result.report.popolo ? (
            <p className="alert alert-info">
              {t("import.popoloDetected", {
                legislature: result.report.popolo.legislature.name,
                jurisdiction: result.report.popolo.jurisdiction,
                persons: number(result.report.popolo.persons),
                leftOut: number(result.report.popolo.leftOut),
              })}
            </p>
          ) : null}
          <p role="status" className={summary.errors ? "alert alert-error" : "alert alert-info"}>
            {t("import.summary", {
              count: summary.rows,
              rows: number(summary.rows),
              create: number(summary.create),
              update: number(summary.update),
              unchanged: number(summary.unchanged),
              errors: number(summary.errors),
            })}{" "}
            {summary.noContact ? t("import.summaryNoContact", { noContact: number(summary.noContact) }) : null}{" "}
            {summary.errors ? (result.mode === "skip" ? t("import.skipNotice") : t("import.fixFirst")) : null}
          </p>
          {result.csv ? (
            <ImportConfirm
              csv={result.csv}
              mode={result.mode}
              fields={result.fields}
              label={
                result.mode === "skip" && summary.errors
                  ? t("import.confirmSkip", {
                      create: number(summary.create),
                      update: number(summary.update),
                      errors: number(summary.errors),
                    })
                  : t("import.confirm", { create: number(summary.create), update: number(summary.update) })
              }
            />
          ) : null}
          {result.shown ? (
            <ImportReportTable ns="lawmakers" rows={result.shown.rows} total={result.shown.total} problems={problems} />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
