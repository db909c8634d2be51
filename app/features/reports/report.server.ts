/**
 * The yearly impact report: its figures computed from the data (live while staff prepare it),
 * frozen as published, and the texts staff write per section and language.
 */
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { evaluateYear } from "~/features/targets/progress.server";
import {
  advocacySection,
  coalitionSection,
  gedSection,
  lettersSection,
} from "~/features/reports/figures-community.server";
import { policymakersSection, threatsSection } from "~/features/reports/figures-threats.server";
import type { Sectioned } from "~/features/reports/compute";
import {
  flattenFigures,
  isSectionKey,
  REPORT_SECTIONS,
  type ReportFigures,
  type ReportSection,
  type SectionKey,
} from "~/features/reports/types";

async function targetsSection(year: number): Promise<Sectioned> {
  const progress = await evaluateYear(year);
  const met = progress.filter((p) => p.met).length;
  return {
    figures: [
      { key: "targets.total", value: progress.length, unit: "count" },
      { key: "targets.met", value: met, unit: "count" },
    ],
    breakdowns: [],
    lists: [],
    targets: progress.map((p) => ({
      id: p.target.id,
      title: p.target.title,
      metric: p.target.metric,
      goal: p.target.goal,
      value: p.value,
      unit: p.unit,
      met: p.met,
      status: p.status,
    })),
  };
}

const COMPUTERS: Record<SectionKey, (year: number) => Promise<Sectioned>> = {
  targets: targetsSection,
  threats: threatsSection,
  policymakers: policymakersSection,
  coalition: coalitionSection,
  ged: gedSection,
  advocacy: advocacySection,
  letters: lettersSection,
};

async function sectionsOf(year: number): Promise<Map<SectionKey, Sectioned>> {
  const sections = new Map<SectionKey, Sectioned>();
  // One after the other: SQLite has one connection, and the queries are short.
  for (const key of REPORT_SECTIONS) sections.set(key, await COMPUTERS[key](year));
  return sections;
}

/** The report's figures computed now from the data, each headline next to the year before's. */
export async function computeReport(year: number, now = new Date()): Promise<ReportFigures> {
  const [current, previous] = [await sectionsOf(year), await sectionsOf(year - 1)];
  // Where the year before is published, its headlines are those it published, so that the two
  // reports (and the overview of /reports) say the same number for that year.
  const published = (await getPublication(year - 1))?.figures;
  const publishedBefore = new Map(published?.sections.flatMap((s) => s.figures.map((f) => [f.key, f.value])) ?? []);
  const sections: ReportSection[] = REPORT_SECTIONS.map((key) => {
    const section = current.get(key)!;
    const before = new Map(previous.get(key)!.figures.map((f) => [f.key, publishedBefore.get(f.key) ?? f.value]));
    return {
      key,
      figures: section.figures.map((f) => ({ ...f, previous: key === "targets" ? null : (before.get(f.key) ?? null) })),
      breakdowns: section.breakdowns,
      lists: section.lists,
      ...(section.targets ? { targets: section.targets } : {}),
    };
  });
  return { year, computedAt: now.toISOString(), sections };
}

/** Whether two reports say the same numbers (when they were computed aside). */
export function sameFigures(a: ReportFigures, b: ReportFigures): boolean {
  const key = (r: ReportFigures) => JSON.stringify(flattenFigures(r).map((f) => [f.key, f.value, f.previous]));
  return (
    key(a) === key(b) &&
    JSON.stringify(a.sections.map((s) => s.lists)) === JSON.stringify(b.sections.map((s) => s.lists))
  );
}

export interface Publication {
  year: number;
  published: boolean;
  publishedAt: string | null;
  sections: SectionKey[];
  revisedOn: string | null;
  figures: ReportFigures | null;
}

function parseSections(json: string): SectionKey[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? REPORT_SECTIONS.filter((key) => parsed.includes(key)) : [...REPORT_SECTIONS];
  } catch {
    return [...REPORT_SECTIONS];
  }
}

// Frozen figures can be large: parse each stored version once per process.
const parsedFigures = new Map<string, ReportFigures>();

function parseFigures(json: string | null): ReportFigures | null {
  if (!json) return null;
  const seen = parsedFigures.get(json);
  if (seen) return seen;
  const figures = JSON.parse(json) as ReportFigures;
  if (parsedFigures.size > 50) parsedFigures.clear();
  parsedFigures.set(json, figures);
  return figures;
}

export async function getPublication(year: number): Promise<Publication | null> {
  const row = await db.selectFrom("report_publications").selectAll().where("year", "=", year).executeTakeFirst();
  if (!row) return null;
  return {
    year: row.year,
    published: row.published === 1,
    publishedAt: row.published_at,
    sections: parseSections(row.sections),
    revisedOn: row.revised_on,
    figures: row.published === 1 ? parseFigures(row.figures) : null,
  };
}

export async function publishedYears(): Promise<number[]> {
  const rows = await db
    .selectFrom("report_publications")
    .select("year")
    .where("published", "=", 1)
    .orderBy("year", "desc")
    .execute();
  return rows.map((r) => r.year);
}

/** The texts of a year's sections: section → language → Markdown. */
export async function sectionTexts(year: number): Promise<Partial<Record<SectionKey, Record<string, string>>>> {
  const rows = await db
    .selectFrom("report_section_texts")
    .select(["section", "language", "body"])
    .where("year", "=", year)
    .execute();
  const texts: Partial<Record<SectionKey, Record<string, string>>> = {};
  for (const row of rows) {
    if (!isSectionKey(row.section)) continue;
    (texts[row.section] ??= {})[row.language] = row.body;
  }
  return texts;
}

/**
 * A report marked published without figures (the demo seed) freezes them on its first read; two
 * readers at once both compute, one writes, both read the stored row.
 */
async function freezeFigures(year: number, now: Date): Promise<Publication | null> {
  const figures = await computeReport(year, now);
  await db
    .updateTable("report_publications")
    .set({ figures: JSON.stringify(figures), updated_at: now.toISOString() })
    .where("year", "=", year)
    .where("published", "=", 1)
    .where("figures", "is", null)
    .execute();
  revisionChecked.set(year, now.getTime());
  return getPublication(year);
}

/**
 * When each published year's figures were last compared with the live ones. A comparison builds
 * the whole report, so a public read does it at most once per interval per year and process,
 * whatever the query string or cookies (which can bypass the page cache).
 */
const revisionChecked = new Map<number, number>();

/** Forget the last comparisons (tests, and after a publish). */
export function forgetRevisionChecks(year?: number): void {
  if (year === undefined) revisionChecked.clear();
  else revisionChecked.delete(year);
}

export interface ReportView {
  year: number;
  figures: ReportFigures;
  /** "published": the frozen figures; "draft": live figures of a year not published. */
  state: "published" | "draft";
  publishedAt: string | null;
  revisedOn: string | null;
  sections: SectionKey[];
  texts: Partial<Record<SectionKey, Record<string, string>>>;
}

/**
 * What a reader sees of a year: the published report with its frozen figures, or — only when
 * `preview` (staff) — the live draft. A published report whose live figures now differ records
 * the first day that was noticed, so the page can say the figures were revised.
 */
export async function reportView(
  year: number,
  options: { preview: boolean },
  now = new Date(),
): Promise<ReportView | null> {
  let publication = await getPublication(year);
  if (publication?.published && !publication.figures) publication = await freezeFigures(year, now);
  const texts = await sectionTexts(year);
  if (publication?.published && publication.figures) {
    let revisedOn = publication.revisedOn;
    const checked = revisionChecked.get(year);
    if (!revisedOn && (checked === undefined || now.getTime() - checked >= loadConfig().reportRevisionCheckMs)) {
      revisionChecked.set(year, now.getTime());
      if (!sameFigures(publication.figures, await computeReport(year, now))) {
        revisedOn = now.toISOString().slice(0, 10);
        // Only the publication compared: a republish meanwhile is not marked revised.
        await db
          .updateTable("report_publications")
          .set({ revised_on: revisedOn, updated_at: now.toISOString() })
          .where("year", "=", year)
          .where("published_at", "=", publication.publishedAt ?? "")
          .where("revised_on", "is", null)
          .execute();
      }
    }
    return {
      year,
      figures: publication.figures,
      state: "published",
      publishedAt: publication.publishedAt,
      revisedOn,
      sections: publication.sections,
      texts,
    };
  }
  if (!options.preview) return null;
  return {
    year,
    figures: await computeReport(year, now),
    state: "draft",
    publishedAt: null,
    revisedOn: null,
    sections: publication?.sections ?? [...REPORT_SECTIONS],
    texts,
  };
}
