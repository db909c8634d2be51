/** The five-year overview of `/reports`: headline figures of the published reports, as published. */
import { getPublication, publishedYears } from "~/features/reports/report.server";
import type { ReportUnit } from "~/features/reports/types";

export const OVERVIEW_FIGURES = [
  "threats.tracked",
  "threats.decided",
  "threats.mitigated_share",
  "policymakers.supportive",
  "coalition.members",
  "ged.reach",
  "advocacy.actions",
  "letters.signatures",
] as const;

export interface Overview {
  years: number[];
  rows: { key: string; unit: ReportUnit; values: (number | null)[] }[];
}

export async function reportsOverview(): Promise<{ published: number[]; overview: Overview }> {
  const published = await publishedYears();
  const years = published.slice(0, 5).sort((a, b) => a - b);
  const reports = await Promise.all(years.map((y) => getPublication(y)));
  const rows = OVERVIEW_FIGURES.map((key) => {
    let unit: ReportUnit = "count";
    const values = reports.map((report) => {
      // Only what the report shows: a section staff left out stays out of the overview too.
      const shown = new Set(report?.sections ?? []);
      for (const section of report?.figures?.sections.filter((s) => shown.has(s.key)) ?? []) {
        const figure = section.figures.find((f) => f.key === key);
        if (figure) {
          unit = figure.unit;
          return figure.value;
        }
      }
      return null;
    });
    return { key, unit, values };
  });
  return { published, overview: { years, rows } };
}
