/** What the pages and the API publish about a year's targets, picked field by field. */
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import type { ApiTargetList } from "~/features/targets/api-schemas";
import { parseFilter } from "~/features/targets/catalogue";
import { evaluateYear, type TargetProgress } from "~/features/targets/progress.server";
import type { TargetCardData } from "~/features/targets/target-card";

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
  };
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
