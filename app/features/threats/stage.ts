import type { Classification } from "~/lib/vocabularies";

export interface DatedStep {
  id: number;
  occurred_on: string;
  classification: Classification;
}

/**
 * A threat's stage is the classification of its latest step by date; on the same date, the one
 * recorded last wins. Steps may be entered in any order, so this never trusts insertion order
 * alone. No step yet: no stage.
 *
 * A step is what happened to the bill itself (introduced, passed…), stored in `threat_actions`;
 * advocacy actions are ours and live in the actions feature.
 */
export function deriveStage(steps: readonly DatedStep[]): {
  stage: Classification | null;
  stage_on: string | null;
} {
  let latest: DatedStep | undefined;
  for (const step of steps) {
    if (
      !latest ||
      step.occurred_on > latest.occurred_on ||
      (step.occurred_on === latest.occurred_on && step.id > latest.id)
    ) {
      latest = step;
    }
  }
  return latest ? { stage: latest.classification, stage_on: latest.occurred_on } : { stage: null, stage_on: null };
}

/** Stages after which the threat no longer moves unless it is reintroduced. */
export const CLOSED_STAGES: ReadonlySet<Classification> = new Set(["withdrawn", "defeated", "lapsed", "struck_down"]);
