/** What the report's page, downloads and API read: the year asked for, who asks, in which language. */
import { getOptionalUser, isStaff, notFound } from "~/features/auth/guards.server";
import { parseYear } from "~/features/targets/forms";
import { jurisdictionNames } from "~/features/targets/view.server";
import { reportView, type ReportView } from "~/features/reports/report.server";
import type { SectionText } from "~/features/reports/report-view";
import { renderMarkdown } from "~/lib/markdown.server";
import type { SectionKey } from "~/features/reports/types";

/** A year from the path: four digits in the range targets accept, or a 404. */
export function requireReportYear(raw: string | undefined): number {
  const parsed = parseYear(raw ?? null, NaN);
  if (!parsed.ok || !raw) throw notFound();
  return parsed.year;
}

/** The jurisdiction codes a report names (breakdown items by country, list rows). */
export function jurisdictionsOf(view: ReportView): string[] {
  const codes = new Set<string>();
  for (const section of view.figures.sections) {
    for (const b of section.breakdowns) if (b.naming.kind === "jurisdiction") for (const i of b.items) codes.add(i.key);
    for (const list of section.lists) for (const row of list.rows) if (row.jurisdiction) codes.add(row.jurisdiction);
  }
  return [...codes];
}

/** Each shown section's text in the reader's language, else English, else any language written. */
export function textsFor(view: ReportView, locale: string): Partial<Record<SectionKey, SectionText>> {
  const out: Partial<Record<SectionKey, SectionText>> = {};
  for (const key of view.sections) {
    const byLanguage = view.texts[key];
    if (!byLanguage) continue;
    const language = byLanguage[locale] ? locale : byLanguage.en ? "en" : Object.keys(byLanguage)[0];
    if (language) out[key] = { html: renderMarkdown(byLanguage[language]!), language };
  }
  return out;
}

/**
 * The report of a year for this request: the published one for anyone, the draft for staff only;
 * a 404 otherwise (an unpublished year is not announced to the public).
 */
export async function loadReport(request: Request, yearParam: string | undefined) {
  const year = requireReportYear(yearParam);
  const user = await getOptionalUser(request);
  const staff = isStaff(user);
  const view = await reportView(year, { preview: staff });
  if (!view) throw notFound();
  return { view, staff, user };
}

export async function namesFor(view: ReportView, locale: string) {
  return jurisdictionNames(jurisdictionsOf(view), locale);
}
