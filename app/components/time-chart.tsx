/**
 * A column chart of a time series (days or months as columns), drawn on the server as SVG like
 * BarChart: no client library, no script. The SVG is an image with the figures in its label; the
 * same figures follow as a table for those who would rather read, and an optional goal is drawn
 * as a dashed line and named in both.
 */
import { intlTag } from "~/i18n/config";
import { useId } from "react";
import { ChartTable } from "~/components/chart-table";

export interface TimeChartItem {
  /** YYYY-MM-DD or YYYY-MM. */
  period: string;
  value: number;
}

const WIDTH = 600;
const PLOT = 150;
const TOP = 18;
const AXIS = 22;
const LABELS_WANTED = 6;
/** A column is never wider than this: a single day stays a column, not a block. */
const MAX_STEP = 50;

/** "3 Nov 2026" for a day, "Nov 2026" for a month, in the reader's language. */
export function periodLabel(period: string, locale: string, short = false): string {
  const day = period.length === 10;
  const date = new Date(day ? `${period}T00:00:00Z` : `${period}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(intlTag(locale), {
    timeZone: "UTC",
    month: "short",
    ...(day ? { day: "numeric" } : {}),
    ...(short ? {} : { year: "numeric" }),
  }).format(date);
}

export function TimeChart({
  title,
  caption,
  items,
  locale,
  periodHeading,
  valueHeading,
  tableSummary,
  goal,
}: {
  title: string;
  /** One sentence on what the columns count. */
  caption: string;
  items: TimeChartItem[];
  locale: string;
  periodHeading: string;
  valueHeading: string;
  tableSummary: string;
  goal?: { value: number; label: string };
}) {
  const id = useId();
  const numbers = new Intl.NumberFormat(intlTag(locale));
  const max = Math.max(1, goal?.value ?? 0, ...items.map((i) => i.value));
  const step = Math.min(MAX_STEP, WIDTH / Math.max(1, items.length));
  // Up to a year of months, each column carries its value; longer series get a scale instead.
  const valuesShown = items.length <= 12;
  const gap = Math.min(4, step * 0.2);
  const scale = (v: number) => (PLOT * v) / max;
  const every = Math.max(1, Math.ceil(items.length / LABELS_WANTED));
  // The last column is labelled too, unless a regular label sits too close before it.
  const last = items.length - 1;
  const labelled = (i: number) => i % every === 0 || (i === last && last % every >= every / 2);
  const height = TOP + PLOT + AXIS;
  const figures = items.map((i) => `${periodLabel(i.period, locale)} ${numbers.format(i.value)}`).join(", ");
  const label = `${title}: ${figures}${goal ? `. ${goal.label}` : ""}`;
  return (
    <figure className="time-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <span className="time-chart-title">{title}</span> <span className="hint">{caption}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={label} preserveAspectRatio="xMinYMin meet">
        <g aria-hidden="true">
          <line x1={0} x2={WIDTH} y1={TOP + PLOT} y2={TOP + PLOT} className="time-chart-axis" />
          {goal || valuesShown ? null : (
            <>
              <line x1={0} x2={WIDTH} y1={TOP} y2={TOP} className="time-chart-grid" />
              <text x={0} y={TOP - 4} className="time-chart-scale">
                {numbers.format(max)}
              </text>
            </>
          )}
          {items.map((item, i) => {
            const h = Math.max(item.value > 0 ? 1.5 : 0, scale(item.value));
            const x = i * step + gap / 2;
            return (
              <g key={item.period}>
                <rect x={x} y={TOP + PLOT - h} width={step - gap} height={h} className="time-chart-bar" />
                {valuesShown && item.value > 0 ? (
                  <text x={x + (step - gap) / 2} y={TOP + PLOT - h - 4} className="time-chart-value">
                    {numbers.format(item.value)}
                  </text>
                ) : null}
                {labelled(i) ? (
                  <text x={x + (step - gap) / 2} y={TOP + PLOT + 16} className="time-chart-tick">
                    {periodLabel(item.period, locale, true)}
                  </text>
                ) : null}
              </g>
            );
          })}
          {goal ? (
            <>
              <line
                x1={0}
                x2={WIDTH}
                y1={TOP + PLOT - scale(goal.value)}
                y2={TOP + PLOT - scale(goal.value)}
                className="time-chart-goal"
              />
              <text x={0} y={TOP + PLOT - scale(goal.value) - 4} className="time-chart-goal-label">
                {goal.label}
              </text>
            </>
          ) : null}
        </g>
      </svg>
      <ChartTable
        summary={tableSummary}
        itemHeading={periodHeading}
        valueHeading={valueHeading}
        rows={items.map((item) => ({
          key: item.period,
          label: <time dateTime={item.period}>{periodLabel(item.period, locale)}</time>,
          value: numbers.format(item.value),
        }))}
        footer={goal ? goal.label : undefined}
      />
    </figure>
  );
}
