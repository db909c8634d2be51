import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { MetricRow } from "~/features/targets/metric-types";
import { formatNumber } from "~/features/targets/target-card";
import { type Unit } from "~/lib/vocabularies";

/** The rows behind a figure: what counted, and for shares what did not. */
export function DrilldownTable({
  rows,
  names,
  unit,
}: {
  rows: MetricRow[];
  names: Record<string, string>;
  unit: Unit;
}) {
  const { t, i18n } = useTranslation(["targets", "threats"]);
  const showCounted = unit === "percent" || rows.some((r) => !r.counted);
  const showAmount = rows.some((r) => r.amount !== null);
  return (
    <div className="table-wrap">
      <table className="drilldown">
        <caption className="visually-hidden">{t("drill.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("drill.name")}</th>
            <th scope="col">{t("drill.jurisdiction")}</th>
            <th scope="col">{t("drill.date")}</th>
            <th scope="col">{t("drill.detail")}</th>
            {showAmount ? <th scope="col">{t("drill.amount")}</th> : null}
            {showCounted ? <th scope="col">{t("drill.counted")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = row.label ?? t("drill.unlisted");
            return (
              <tr key={row.key}>
                <td>{row.href && row.label ? <a href={row.href}>{label}</a> : label}</td>
                <td>{row.jurisdiction ? (names[row.jurisdiction] ?? row.jurisdiction) : ""}</td>
                <td>
                  {row.date
                    ? formatDate(row.date.length === 10 ? `${row.date}T00:00:00Z` : row.date, i18n.language)
                    : ""}
                </td>
                <td>{row.tag ? t(row.tag, { defaultValue: "" }) : ""}</td>
                {showAmount ? <td>{row.amount === null ? "" : formatNumber(row.amount, i18n.language)}</td> : null}
                {showCounted ? <td>{row.counted ? t("drill.yes") : t("drill.no")}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
