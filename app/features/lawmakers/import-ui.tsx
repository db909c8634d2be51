import { useTranslation } from "react-i18next";
import type { ImportRow } from "~/features/lawmakers/import.server";

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
