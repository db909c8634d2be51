import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FileError, ImportRow } from "./import.server";

export function FileErrors({ errors, columns }: { errors: FileError[]; columns: string }) {
  const { t } = useTranslation("lawmakers");
  if (!errors.length) return null;
  return (
    <ul className="alert alert-error" role="alert">
      {errors.map((error) => (
        <li key={error.code}>
          {t(`import.errors.${error.code}`, {
            line: error.line,
            columns: error.columns?.join(", ") ?? "",
            expected: columns,
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
  const { t, i18n } = useTranslation("lawmakers");
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
        ? t("import.progress.importing")
        : t("import.progress.importingRows", { rows: rows.toLocaleString(i18n.language) })
      : t("import.progress.checking");
  return (
    <section className="card narrow import-progress" aria-labelledby="import-progress-label">
      <p id="import-progress-label" role="status">
        {label} {t("import.progress.elapsed", { seconds })}
      </p>
      <progress aria-labelledby="import-progress-label" />
    </section>
  );
}

function RowProblems({ row }: { row: ImportRow }) {
  const { t } = useTranslation("lawmakers");
  const items = [
    ...row.errors.map((code) => ({ key: code, text: t(`import.errors.${code}`, { line: row.duplicateOf }) })),
    ...row.notes.map((code) => ({ key: code, text: t(`import.notes.${code}`) })),
  ];
  if (row.changes?.length) {
    items.push({
      key: "changes",
      text: t("import.changes", { columns: row.changes.map((c) => t(`columns.${c}`)).join(", ") }),
    });
  }
  if (!items.length) return null;
  return (
    <ul>
      {items.map((item) => (
        <li key={item.key}>{item.text}</li>
      ))}
    </ul>
  );
}

export function ReportTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation("lawmakers");
  return (
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
          {rows.map((row) => (
            <tr key={row.line} className={row.action === "error" ? "row-error" : undefined}>
              <td>{row.line}</td>
              <td>{row.name}</td>
              <td>{t(`import.actions.${row.action}`)}</td>
              <td>
                <RowProblems row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
