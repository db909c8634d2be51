import type { Classification } from "~/lib/vocabularies";

export interface DatedAction {
  id: number;
  occurred_on: string;
  classification: Classification;
}

/**
 * A threat's stage is the classification of its latest action by date; on the same date, the one
 * recorded last wins. Actions may be entered in any order, so this never trusts insertion order
 * alone. No action yet: no stage.
 */
export function deriveStage(actions: readonly DatedAction[]): {
  stage: Classification | null;
  stage_on: string | null;
} {
  let latest: DatedAction | undefined;
  for (const action of actions) {
    if (
      !latest ||
      action.occurred_on > latest.occurred_on ||
      (action.occurred_on === latest.occurred_on && action.id > latest.id)
    ) {
      latest = action;
    }
  }
  return latest ? { stage: latest.classification, stage_on: latest.occurred_on } : { stage: null, stage_on: null };
}

/** Stages after which the threat no longer moves unless it is reintroduced. */
export const CLOSED_STAGES: ReadonlySet<Classification> = new Set(["withdrawn", "defeated", "lapsed", "struck_down"]);
