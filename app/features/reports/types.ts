/** The shape of a yearly report's figures: what is computed, frozen at publication, and exported. */
import type { TargetStatus } from "~/features/targets/status";
import type { Unit } from "~/lib/vocabularies";

export const REPORT_SECTIONS = [
  "targets",
  "threats",
  "policymakers",
  "coalition",
  "ged",
  "advocacy",
  "letters",
] as const;
export type SectionKey = (typeof REPORT_SECTIONS)[number];

export function isSectionKey(value: unknown): value is SectionKey {
  return typeof value === "string" && (REPORT_SECTIONS as readonly string[]).includes(value);
}

export type ReportUnit = Unit | "days";

/** A headline figure. `previous` is the same figure for the year before (null where it has none). */
export interface Figure {
  /** Stable key, e.g. "threats.new"; also the translation key of its name and definition. */
  key: string;
  value: number;
  unit: ReportUnit;
  previous: number | null;
}

/**
 * How a breakdown's item keys are named for a reader: a vocabulary (translation key prefix, e.g.
 * "threats:outcome"), a jurisdiction code, a year, or text that is already a name.
 */
export type ItemNaming = { kind: "vocabulary"; prefix: string } | { kind: "jurisdiction" } | { kind: "year" };

export interface BreakdownItem {
  key: string;
  value: number;
}

/** A figure split by something (outcome, category, country, year): drawn as a chart with a table. */
export interface Breakdown {
  key: string;
  unit: ReportUnit;
  naming: ItemNaming;
  items: BreakdownItem[];
}

/** A row of a list (the threats decided that year, the threats most worked on). */
export interface ListRow {
  label: string;
  href: string | null;
  date: string | null;
  jurisdiction: string | null;
  /** A translation key (with namespace) qualifying the row, e.g. "threats:outcome.mitigated". */
  tag: string | null;
  amount: number | null;
}

export interface ReportList {
  key: string;
  rows: ListRow[];
}

export interface TargetLine {
  id: number;
  title: string;
  metric: string;
  goal: number;
  value: number;
  unit: Unit;
  met: boolean;
  /** met, on track, behind, missed or not started (a year still running is not "missed"). */
  status: TargetStatus;
}

export interface ReportSection {
  key: SectionKey;
  figures: Figure[];
  breakdowns: Breakdown[];
  lists: ReportList[];
  /** Only in the targets section. */
  targets?: TargetLine[];
}

export interface ReportFigures {
  year: number;
  /** When these figures were computed (ISO timestamp). */
  computedAt: string;
  sections: ReportSection[];
}

/** Every figure of a report flattened, breakdown items included: the CSV's and the comparison's rows. */
export interface FlatFigure {
  section: SectionKey;
  /** e.g. "threats.new" or "threats.by_outcome.mitigated". */
  key: string;
  /** The translation key of the figure's definition (and name). */
  definitionKey: string;
  /** For a breakdown's item: what it is, and how its key is named. */
  item?: { key: string; naming: ItemNaming };
  /** For a target: its title. */
  title?: string;
  value: number;
  previous: number | null;
  unit: ReportUnit;
}

export function flattenFigures(report: ReportFigures): FlatFigure[] {
  const out: FlatFigure[] = [];
  for (const section of report.sections) {
    for (const f of section.figures) {
      out.push({
        section: section.key,
        key: f.key,
        definitionKey: f.key,
        value: f.value,
        previous: f.previous,
        unit: f.unit,
      });
    }
    for (const b of section.breakdowns) {
      for (const item of b.items) {
        out.push({
          section: section.key,
          key: `${b.key}.${item.key}`,
          definitionKey: b.key,
          item: { key: item.key, naming: b.naming },
          value: item.value,
          previous: null,
          unit: b.unit,
        });
      }
    }
    for (const t of section.targets ?? []) {
      out.push({
        section: section.key,
        key: `targets.target.${t.id}`,
        definitionKey: `metric.${t.metric}`,
        title: t.title,
        value: t.value,
        previous: null,
        unit: t.unit,
      });
    }
  }
  return out;
}
