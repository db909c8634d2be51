/** The yearly report as a page: sections of figures, charts with their tables, lists and texts. */
import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import { BarChart } from "~/components/bar-chart";
import type { TargetStatus } from "~/features/targets/status";
import type { Figure, ItemNaming, ReportSection, ReportUnit, SectionKey, TargetLine } from "~/features/reports/types";

export interface SectionText {
  html: string;
  language: string;
}

export function formatValue(value: number, unit: ReportUnit, locale: string, t: TFunction): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return t(`reports:unit.${unit}`, { value: number });
}

export function formatChange(value: number, previous: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(
    value - previous,
  );
}

export function itemLabel(naming: ItemNaming, key: string, names: Record<string, string>, t: TFunction): string {
  switch (naming.kind) {
    case "vocabulary":
      return t(`${naming.prefix}.${key}`);
    case "jurisdiction":
      return names[key] ?? key;
    case "year":
      return key;
  }
}

function FigureCard({ figure, year, locale }: { figure: Figure; year: number; locale: string }) {
  const { t } = useTranslation("reports");
  return (
    <div className="report-figure" data-figure={figure.key}>
      <dt>{t(`figure.${figure.key}.name`)}</dt>
      <dd>
        <span className="report-figure-value" data-value={figure.value}>
          {formatValue(figure.value, figure.unit, locale, t)}
        </span>
        {figure.previous === null ? null : (
          <span className="report-figure-previous">
            {t("page.previous", { year: year - 1, value: formatValue(figure.previous, figure.unit, locale, t) })}{" "}
            <span className="report-change">
              ({t("page.change")} {formatChange(figure.value, figure.previous, locale)})
            </span>
          </span>
        )}
        <small className="report-definition">{t(`figure.${figure.key}.definition`)}</small>
      </dd>
    </div>
  );
}

const STATUS_BADGE: Record<TargetStatus, string> = {
  met: "badge-sent",
  on_track: "badge-sent",
  behind: "badge-pending",
  missed: "badge-failed",
  upcoming: "",
};

function TargetsTable({ targets, locale }: { targets: TargetLine[]; locale: string }) {
  const { t } = useTranslation(["reports", "targets"]);
  if (!targets.length) return <p className="empty-state">{t("page.noTargets")}</p>;
  return (
    <div className="table-wrap">
      <table className="report-targets">
        <thead>
          <tr>
            <th scope="col">{t("page.figure")}</th>
            <th scope="col" className="numeric">
              {t("page.goal")}
            </th>
            <th scope="col" className="numeric">
              {t("page.result")}
            </th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <tr key={target.id} data-target={target.id}>
              <th scope="row">
                <Link to={`/targets/${target.id}`}>{target.title}</Link>
                <small className="report-definition">
                  {t(`targets:metric.${target.metric}.definition`, {
                    defaultValue: t("targets:metric.manual.definition"),
                  })}
                </small>
              </th>
              <td className="numeric">{formatValue(target.goal, target.unit, locale, t)}</td>
              <td className="numeric">
                {formatValue(target.value, target.unit, locale, t)}{" "}
                <span className={`badge ${STATUS_BADGE[target.status ?? (target.met ? "met" : "missed")]}`}>
                  {t(`targets:status.${target.status ?? (target.met ? "met" : "missed")}`)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportSectionView({
  section,
  year,
  locale,
  names,
  text,
}: {
  section: ReportSection;
  year: number;
  locale: string;
  names: Record<string, string>;
  text: SectionText | undefined;
}) {
  const { t } = useTranslation("reports");
  return (
    <section className="report-section" id={section.key} aria-labelledby={`${section.key}-title`}>
      <h2 id={`${section.key}-title`}>{t(`section.${section.key}`)}</h2>
      {text ? <div className="prose" lang={text.language} dangerouslySetInnerHTML={{ __html: text.html }} /> : null}
      <dl className="report-figures">
        {section.figures.map((figure) => (
          <FigureCard key={figure.key} figure={figure} year={year} locale={locale} />
        ))}
      </dl>
      {section.targets ? <TargetsTable targets={section.targets} locale={locale} /> : null}
      <div className="report-charts">
        {section.breakdowns
          .filter((b) => b.items.length > 0)
          .map((breakdown) => (
            <div key={breakdown.key} className="report-chart" data-breakdown={breakdown.key}>
              <BarChart
                title={t(`figure.${breakdown.key}.name`)}
                items={breakdown.items.map((item) => ({
                  label: itemLabel(breakdown.naming, item.key, names, t),
                  value: item.value,
                  display: formatValue(item.value, breakdown.unit, locale, t),
                }))}
                itemHeading={t("page.item")}
                valueHeading={t("page.value")}
                tableSummary={t("page.table")}
              />
              <p>
                <small>{t(`figure.${breakdown.key}.definition`)}</small>
              </p>
            </div>
          ))}
      </div>
      {section.lists.map((list) => (
        <div key={list.key} className="report-list">
          <h3>{t(`figure.${list.key}.name`)}</h3>
          {list.rows.length === 0 ? (
            <p className="empty-state">{t("page.empty")}</p>
          ) : (
            <ul>
              {list.rows.map((row, i) => (
                <li key={`${row.label}-${i}`}>
                  {row.href ? <Link to={row.href}>{row.label}</Link> : row.label}
                  {row.jurisdiction ? ` — ${names[row.jurisdiction] ?? row.jurisdiction}` : null}
                  {row.tag ? ` — ${t(row.tag)}` : null}
                  {row.date ? ` — ${formatDate(row.date, locale)}` : null}
                  {row.amount !== null ? ` — ${formatValue(row.amount, "count", locale, t)}` : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <small>{t(`figure.${list.key}.definition`)}</small>
          </p>
        </div>
      ))}
    </section>
  );
}

export function sectionTitle(key: SectionKey, t: TFunction): string {
  return t(`reports:section.${key}`);
}
