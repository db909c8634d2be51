import { useTranslation } from "react-i18next";

interface Point {
  year: number;
  members: number;
  countries: number;
}

/**
 * Members and countries per year as a server-drawn SVG bar chart (no script, no inline style),
 * with the same figures in a table for screen readers and for copying.
 */
export function GrowthChart({ points }: { points: Point[] }) {
  const { t } = useTranslation("coalition");
  if (points.length === 0) return <p className="empty-state">{t("directory.noGrowth")}</p>;
  const max = Math.max(1, ...points.map((p) => p.members));
  const barWidth = 14;
  const gap = 10;
  const height = 160;
  const width = points.length * (barWidth * 2 + gap) + gap;
  const scale = (value: number) => Math.round((value / max) * (height - 20));
  return (
    <figure className="growth-chart">
      <svg viewBox={`0 0 ${width} ${height + 20}`} role="img" aria-labelledby="growth-title">
        <title id="growth-title">{t("directory.growthTitle")}</title>
        {points.map((p, index) => {
          const x = gap + index * (barWidth * 2 + gap);
          return (
            <g key={p.year}>
              <rect
                className="bar-members"
                x={x}
                y={height - scale(p.members)}
                width={barWidth}
                height={scale(p.members)}
              />
              <rect
                className="bar-countries"
                x={x + barWidth}
                y={height - scale(p.countries)}
                width={barWidth}
                height={scale(p.countries)}
              />
              <text x={x + barWidth} y={height + 14} textAnchor="middle" className="chart-label">
                {String(p.year).slice(2)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend-swatch bar-members" aria-hidden="true" /> {t("directory.members")}{" "}
        <span className="legend-swatch bar-countries" aria-hidden="true" /> {t("directory.countries")}
      </figcaption>
      <div className="table-wrap">
        <table className="compact">
          <caption className="visually-hidden">{t("directory.growthTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("directory.year")}</th>
              <th scope="col">{t("directory.members")}</th>
              <th scope="col">{t("directory.countries")}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.year}>
                <th scope="row">{p.year}</th>
                <td>{p.members}</td>
                <td>{p.countries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
