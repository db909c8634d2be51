/** The figures of a chart as a table, behind a disclosure under the chart (BarChart, TimeChart). */
import type { ReactNode } from "react";

export interface ChartTableRow {
  key: string;
  label: ReactNode;
  value: string;
}

export function ChartTable({
  summary,
  itemHeading,
  valueHeading,
  rows,
  footer,
}: {
  summary: string;
  itemHeading: string;
  valueHeading: string;
  rows: ChartTableRow[];
  footer?: ReactNode;
}) {
  return (
    <details>
      <summary>{summary}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{itemHeading}</th>
            <th scope="col" className="numeric">
              {valueHeading}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="numeric">{row.value}</td>
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot>
            <tr>
              <td colSpan={2}>{footer}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </details>
  );
}
