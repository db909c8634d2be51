/**
 * The parts the CSV import pages (coalition members, lawmakers) share: the file form, the file-level
 * errors and the progress shown while a file is checked or imported. Texts come from the page's
 * namespace (`import.*` keys), the progress from `common`.
 */
import { Form } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FileError } from "~/lib/csv-import.server";

export function CsvFileForm({
  ns,
  busy,
  hints,
  accept = ".csv,text/csv",
  children,
}: {
  ns: "coalition" | "lawmakers";
  busy: boolean;
  /** The file types offered by the file picker. */
  accept?: string;
  /** Paragraphs under the heading, each with an id, which the file input is described by. */
  hints: Array<{ id: string; text: ReactNode }>;
  /** More fields of the form (the import mode), between the file and the buttons. */
  children?: ReactNode;
}) {
  const { t } = useTranslation(ns);
  return (
    <section className="card narrow" aria-labelledby="import-file">
      <h2 id="import-file">{t("import.fileHeading")}</h2>
      {hints.map((hint) => (
        <p className="hint" id={hint.id} key={hint.id}>
          {hint.text}
        </p>
      ))}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="import-file-input">{t("import.file")}</label>
          <input
            id="import-file-input"
            type="file"
            name="file"
            accept={accept}
            required
            aria-describedby={hints.map((hint) => hint.id).join(" ")}
          />
        </div>
        {children}
        <p className="inline-form">
          <button type="submit" name="intent" value="check" disabled={busy}>
            {t("import.check")}
          </button>{" "}
          <button type="submit" name="intent" value="import" className="secondary" disabled={busy}>
            {t("import.import")}
          </button>
        </p>
        <p className="hint">{t("import.importHint")}</p>
      </Form>
    </section>
  );
}

export function FileErrors({
  ns,
  errors,
  columns,
}: {
  ns: "coalition" | "lawmakers";
  errors: FileError[];
  columns: string;
}) {
  const { t } = useTranslation(ns);
  if (!errors.length) return null;
  return (
    <ul className="alert alert-error" role="alert">
      {errors.map((error) => (
        <li key={error.code}>
          {t(`import.errors.${error.code}`, {
            line: error.line,
            columns: error.columns?.join(", ") ?? "",
            expected: columns,
            detail: error.detail ?? "",
          })}
        </li>
      ))}
    </ul>
  );
}

/**
 * While a file is checked or imported: a live status with the elapsed time and an indeterminate
 * progress bar. The server reads and writes the whole file in one request (a few seconds at most),
 * so there is no per-row percentage to report; what the person needs to know is that it is running,
 * what it is doing, and for how long. Without JavaScript the browser's own loading indicator shows.
 */
export function ImportProgress({
  busy,
  intent,
  rows,
}: {
  busy: boolean;
  intent: "check" | "import";
  rows: number | null;
}) {
  const { t, i18n } = useTranslation();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!busy) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 500);
    return () => clearInterval(timer);
  }, [busy]);
  if (!busy) return null;
  const label =
    intent === "import"
      ? rows === null
        ? t("csvImport.progress.importing")
        : t("csvImport.progress.importingRows", { rows: rows.toLocaleString(i18n.language) })
      : t("csvImport.progress.checking");
  return (
    <section className="card narrow import-progress" aria-labelledby="import-progress-label">
      <p id="import-progress-label" role="status">
        {label} {t("csvImport.progress.elapsed", { seconds })}
      </p>
      <progress aria-labelledby="import-progress-label" />
    </section>
  );
}

/** After a clean dry run: the button that sends the checked file back to be imported. */
export function ImportConfirm({
  csv,
  label,
  busy,
  mode,
  fields,
}: {
  csv: string;
  label: string;
  busy?: boolean;
  /** The import mode chosen with the file, sent back with it. */
  mode?: string;
  /** The other choices made with the file (how to read it), sent back with it. */
  fields?: Record<string, string>;
}) {
  return (
    <Form method="post" encType="multipart/form-data">
      <input type="hidden" name="csv" value={csv} />
      {mode ? <input type="hidden" name="mode" value={mode} /> : null}
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value="import" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

interface ReportRow {
  line: number;
  name: string;
  action: string;
}

/** The dry-run report: one row per line of the file, with what would happen and what is wrong. */
export function ImportReportTable<Row extends ReportRow>({
  ns,
  rows,
  total,
  problems,
}: {
  ns: "coalition" | "lawmakers";
  rows: Row[];
  /** How many rows the file has; when the table shows fewer, it says so. */
  total: number;
  problems: (row: Row) => Array<{ key: string; text: string }>;
}) {
  const { t, i18n } = useTranslation(ns);
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <>
      {rows.length < total ? (
        <p className="hint">{t("import.partial", { shown: number(rows.length), total: number(total) })}</p>
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
            {rows.map((row) => {
              const items = problems(row);
              return (
                <tr key={row.line} className={row.action === "error" ? "row-error" : undefined}>
                  <td>{row.line}</td>
                  <td>{row.name}</td>
                  <td>{t(`import.actions.${row.action}`)}</td>
                  <td>
                    {items.length ? (
                      <ul>
                        {items.map((item) => (
                          <li key={item.key}>{item.text}</li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
