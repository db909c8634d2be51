/**
 * A horizontal bar chart drawn on the server as SVG (no client library, no script): each bar's
 * label above it and its value at its end, scaled to the largest value. The SVG is an image with
 * the figures in its label; the same figures follow as a table for those who would rather read.
 */
import { useId } from "react";
import { ChartTable } from "~/components/chart-table";

export interface BarChartItem {
  label: string;
  value: number;
  /** The value as the reader should read it ("1,204", "75 %"). */
  display: string;
}

const WIDTH = 400;
const ROW = 40;
const BAR = 14;
const LABEL_GAP = 16;
const VALUE_ROOM = 80;

export function BarChart({
  title,
  items,
  itemHeading,
  valueHeading,
  tableSummary,
}: {
  title: string;
  items: BarChartItem[];
  itemHeading: string;
  valueHeading: string;
  tableSummary: string;
}) {
  const id = useId();
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = Math.max(ROW, items.length * ROW);
  const label = `${title}: ${items.map((i) => `${i.label} ${i.display}`).join(", ")}`;
  return (
    <figure className="bar-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
        {items.map((item, i) => {
          const y = i * ROW;
          const width = Math.max(item.value > 0 ? 2 : 0, ((WIDTH - VALUE_ROOM) * item.value) / max);
          return (
            <g key={`${item.label}-${i}`} aria-hidden="true">
              <text x={0} y={y + LABEL_GAP - 3} className="bar-chart-label">
                {item.label}
              </text>
              <rect x={0} y={y + LABEL_GAP} width={width} height={BAR} rx={2} className="bar-chart-bar" />
              <text x={width + 6} y={y + LABEL_GAP + BAR - 2} className="bar-chart-value">
                {item.display}
              </text>
            </g>
          );
        })}
      </svg>
      <ChartTable
        summary={tableSummary}
        itemHeading={itemHeading}
        valueHeading={valueHeading}
        rows={items.map((item, i) => ({ key: `${item.label}-${i}`, label: item.label, value: item.display }))}
      />
    </figure>
  );
}
