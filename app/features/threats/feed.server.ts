import { db } from "~db/connection";
import type { Classification, Outcome } from "~/lib/vocabularies";

export const FEED_SIZE = 50;

interface FeedThreat {
  slug: string;
  title: string;
  short_name: string | null;
  jurisdiction_code: string;
}

export type FeedChange = FeedThreat & {
  id: number;
  /** When the change was recorded and last edited (ISO timestamps). */
  created_at: string;
  updated_at: string;
  /** When it happened (ISO date). */
  date: string;
  note: string | null;
  source_url: string | null;
} & ({ type: "step"; classification: Classification } | { type: "outcome"; outcome: Outcome });

/** The latest steps and outcome changes across all threats, most recently recorded first. */
export async function latestThreatChanges(limit = FEED_SIZE): Promise<FeedChange[]> {
  const [steps, outcomes] = await Promise.all([
    db
      .selectFrom("threat_actions")
      .innerJoin("threats", "threats.id", "threat_actions.threat_id")
      .select([
        "threat_actions.id",
        "threat_actions.created_at",
        "threat_actions.updated_at",
        "threat_actions.occurred_on as date",
        "threat_actions.classification",
        "threat_actions.note",
        "threat_actions.source_url",
        "threats.slug",
        "threats.title",
        "threats.short_name",
        "threats.jurisdiction_code",
      ])
      .orderBy("threat_actions.created_at", "desc")
      .orderBy("threat_actions.id", "desc")
      .limit(limit)
      .execute(),
    db
      .selectFrom("threat_outcome_changes")
      .innerJoin("threats", "threats.id", "threat_outcome_changes.threat_id")
      .select([
        "threat_outcome_changes.id",
        "threat_outcome_changes.created_at",
        "threat_outcome_changes.updated_at",
        "threat_outcome_changes.decided_on as date",
        "threat_outcome_changes.outcome",
        "threat_outcome_changes.reason as note",
        "threats.slug",
        "threats.title",
        "threats.short_name",
        "threats.jurisdiction_code",
      ])
      .orderBy("threat_outcome_changes.created_at", "desc")
      .orderBy("threat_outcome_changes.id", "desc")
      .limit(limit)
      .execute(),
  ]);
  const changes: FeedChange[] = [
    ...steps.map((row) => ({ ...row, type: "step" as const })),
    ...outcomes.map((row) => ({ ...row, source_url: null, type: "outcome" as const })),
  ];
  return changes
    .sort((a, b) => (a.created_at === b.created_at ? b.id - a.id : a.created_at < b.created_at ? 1 : -1))
    .slice(0, limit);
}
