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
} & (
    | { type: "step"; classification: Classification }
    | { type: "outcome"; outcome: Outcome }
    /** A step staff removed: published under the step's own entry id, read from the audit row. */
    | { type: "removal"; classification: Classification }
  );

interface RemovedStep {
  stepId: number;
  occurredOn: string;
  classification: Classification;
  createdAt?: string;
}

/** Steps removed by staff, newest first: the audit row keeps what the step said. */
async function removedSteps(limit: number) {
  const rows = await db
    .selectFrom("audit_log")
    .innerJoin("threats", (join) =>
      // entity_id is text in the audit log; compare as text so that both databases agree.
      join.on((eb) => eb(eb.cast("threats.id", "varchar"), "=", eb.ref("audit_log.entity_id"))),
    )
    .select([
      "audit_log.before_json",
      "audit_log.created_at",
      "threats.slug",
      "threats.title",
      "threats.short_name",
      "threats.jurisdiction_code",
    ])
    .where("audit_log.action", "=", "threat.step.delete")
    .where("audit_log.entity_type", "=", "threat")
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
  return rows.flatMap(({ before_json, created_at, ...threat }) => {
    const step = JSON.parse(before_json ?? "null") as RemovedStep | null;
    if (!step) return [];
    return [
      {
        ...threat,
        id: step.stepId,
        created_at: step.createdAt ?? created_at,
        updated_at: created_at,
        date: step.occurredOn,
        classification: step.classification,
        note: null,
        source_url: null,
        type: "removal" as const,
      },
    ];
  });
}

/**
 * The latest steps and outcome changes across all threats, most recently recorded or corrected
 * first; a corrected step comes back up with its new content, a removed one as a removal.
 */
export async function latestThreatChanges(limit = FEED_SIZE): Promise<FeedChange[]> {
  const [steps, outcomes, removals] = await Promise.all([
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
      .orderBy("threat_actions.updated_at", "desc")
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
    removedSteps(limit),
  ]);
  const changes: FeedChange[] = [
    ...steps.map((row) => ({ ...row, type: "step" as const })),
    ...outcomes.map((row) => ({ ...row, source_url: null, type: "outcome" as const })),
    ...removals,
  ];
  return changes
    .sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1))
    .slice(0, limit);
}
