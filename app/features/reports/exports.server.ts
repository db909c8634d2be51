/** The report's figures as CSV (one row per figure) and as the open-data JSON of the API. */
import { stringify } from "csv-stringify/sync";
import type { TFunction } from "i18next";
import { loadConfig } from "~/config.server";
import type { ApiReport } from "~/features/reports/api-schemas";
import { flattenFigures, type FlatFigure } from "~/features/reports/types";
import type { ReportView } from "~/features/reports/report.server";
import { itemLabel } from "~/features/reports/report-view";
import { neutraliseFormula } from "~/lib/spreadsheet";

export const CSV_COLUMNS = ["section", "key", "figure", "value", "previous_year", "unit", "definition"] as const;

function shown(view: ReportView): FlatFigure[] {
  const sections = new Set(view.sections);
  return flattenFigures(view.figures).filter((f) => sections.has(f.section));
}

export function definitionOf(figure: FlatFigure, t: TFunction): string {
  return figure.definitionKey.startsWith("metric.")
    ? t(`targets:${figure.definitionKey}.definition`, { defaultValue: t("targets:metric.manual.definition") })
    : t(`reports:figure.${figure.definitionKey}.definition`);
}

/** A figure's name for a reader: a target's title, a breakdown's name and item, or the figure's own. */
export function nameOf(figure: FlatFigure, t: TFunction, names: Record<string, string>): string {
  if (figure.title) return figure.title;
  const name = t(`reports:figure.${figure.definitionKey}.name`);
  if (!figure.item) return name;
  return `${name}: ${itemLabel(figure.item.naming, figure.item.key, names, t)}`;
}

export function reportCsv(view: ReportView, t: TFunction, names: Record<string, string>): string {
  const rows = shown(view).map((f) => [
    f.section,
    f.key,
    neutraliseFormula(nameOf(f, t, names)),
    f.value,
    f.previous ?? "",
    f.unit,
    neutraliseFormula(definitionOf(f, t)),
  ]);
  return stringify([[...CSV_COLUMNS], ...rows], { bom: true, record_delimiter: "windows" });
}

/** The open-data contract of `GET /api/v1/reports/:year`: exactly these fields. */
export function apiReport(view: ReportView, appUrl = loadConfig().appUrl): ApiReport {
  return {
    year: view.year,
    state: view.state,
    published_at: view.publishedAt,
    revised_on: view.revisedOn,
    url: `${appUrl}/reports/${view.year}`,
    figures: shown(view).map((f) => ({
      section: f.section,
      figure: f.key,
      value: f.value,
      previous_year: f.previous,
      unit: f.unit,
    })),
  };
}
