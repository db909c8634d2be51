/** What the pages and the API publish about a year's targets, picked field by field. */
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import type { ApiTargetList } from "~/features/targets/api-schemas";
import { parseFilter } from "~/features/targets/catalogue";
import { evaluateYear, type TargetProgress } from "~/features/targets/progress.server";
import type { TargetCardData } from "~/features/targets/target-card";
import { localiseMany } from "~/features/translations/localise.server";

export function toCardData(p: TargetProgress): TargetCardData {
  return {
    id: p.target.id,
    year: p.target.year,
    title: p.target.title,
    metric: p.target.metric,
    filter: parseFilter(p.target.filter),
    goal: p.target.goal,
    value: p.value,
    unit: p.unit,
    status: p.status,
    progress: p.progress,
    parts: p.parts,
    snapshotTakenAt: p.snapshotTakenAt,
    manualEvidence: p.target.metric === "manual" ? p.target.manual_evidence : null,
    manualEvidenceUrl: p.target.metric === "manual" ? p.target.manual_evidence_url : null,
    titleLang: p.target.original_locale,
    titleFallback: false,
  };
}

/** The cards of some targets, their titles in the reader's language when they have a version in it. */
export async function localisedCards(progress: TargetProgress[], locale: string): Promise<TargetCardData[]> {
  const cards = progress.map(toCardData);
  const shown = await localiseMany(
    "target",
    cards.map((card) => ({ id: card.id, originalLocale: card.titleLang, fields: { title: card.title } })),
    locale,
  );
  return cards.map((card, index) => ({
    ...card,
    title: shown[index].fields.title,
    titleLang: shown[index].lang,
    titleFallback: shown[index].fallback,
  }));
}

/** Names of the given jurisdiction codes in the reader's language. */
export async function jurisdictionNames(codes: Iterable<string>, locale: string): Promise<Record<string, string>> {
  const wanted = new Set(codes);
  if (!wanted.size) return {};
  const all = await listJurisdictions();
  return Object.fromEntries(all.filter((j) => wanted.has(j.code)).map((j) => [j.code, jurisdictionName(j, locale)]));
}

/** The open-data contract of `GET /api/v1/targets?year=`: exactly these fields. */
export async function apiTargets(year: number): Promise<ApiTargetList> {
  const progress = await evaluateYear(year);
  return {
    data: progress.map((p) => ({
      id: p.target.id,
      title: p.target.title,
      metric: p.target.metric,
      goal: p.target.goal,
      value: p.value,
      unit: p.unit,
      met: p.met,
    })),
  };
}
