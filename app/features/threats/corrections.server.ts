import { db } from "~db/connection";
import type { User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import type { StepCorrectionInput } from "~/features/threats/forms";
import { refreshStage } from "~/features/threats/mutations.server";
import { notifyFollowers } from "~/features/threats/notify.server";
import { enqueueThreatChanged } from "~/features/webhooks/events.server";

const STEP_COLUMNS = [
  "id",
  "threat_id",
  "occurred_on",
  "classification",
  "note",
  "source_url",
  "created_at",
  "updated_at",
] as const;

/** A recorded step of a threat, as its correction form shows it. */
export async function getStep(threatId: number, stepId: number) {
  return db
    .selectFrom("threat_actions")
    .select(STEP_COLUMNS)
    .where("id", "=", stepId)
    .where("threat_id", "=", threatId)
    .executeTakeFirst();
}

type Step = NonNullable<Awaited<ReturnType<typeof getStep>>>;

const shown = (step: Step) => ({
  occurredOn: step.occurred_on,
  classification: step.classification,
  note: step.note,
  sourceUrl: step.source_url,
});

/**
 * Followers hear of a correction that changes what happened or when (date, classification); a
 * corrected note or source only shows on the page and in the feed (decision 0029).
 */
export function correctionIsNews(before: Pick<Step, "occurred_on" | "classification">, input: StepCorrectionInput) {
  return before.occurred_on !== input.occurredOn || before.classification !== input.classification;
}

/**
 * Corrects a step in one transaction: the row, the threat's cached stage, the audit row (before and
 * after) and, when the correction is news, one mail per follower. False when the threat has no
 * such step.
 */
export async function correctStep(
  actor: User,
  threatId: number,
  stepId: number,
  input: StepCorrectionInput,
): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("threat_actions")
      .select(STEP_COLUMNS)
      .where("id", "=", stepId)
      .where("threat_id", "=", threatId)
      .executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("threat_actions")
      .set({
        occurred_on: input.occurredOn,
        classification: input.classification,
        note: input.note || null,
        source_url: input.sourceUrl || null,
        updated_at: now,
      })
      .where("id", "=", stepId)
      .execute();
    await refreshStage(trx, threatId, now);
    await enqueueThreatChanged(trx, threatId, "step_corrected", now, stepId);
    const { intent: _intent, ...after } = input;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.step.update",
      entityType: "threat",
      entityId: threatId,
      before: { stepId, ...shown(before) },
      after: { stepId, ...after, note: after.note || null, sourceUrl: after.sourceUrl || null },
    });
    if (correctionIsNews(before, input)) {
      await notifyFollowers(trx, {
        threatId,
        actorId: actor.id,
        change: {
          kind: "correction",
          // One mail per correction: a later correction of the same step is news again.
          id: `${stepId}:${now}`,
          classification: input.classification,
          date: input.occurredOn,
          note: input.note || null,
        },
      });
    }
    return true;
  });
}

/**
 * Removes a step in one transaction: the row, the cached stage, the audit row (its content as
 * before) and one mail per follower. The feed reads the audit row to publish the removal.
 */
export async function removeStep(actor: User, threatId: number, stepId: number): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("threat_actions")
      .select(STEP_COLUMNS)
      .where("id", "=", stepId)
      .where("threat_id", "=", threatId)
      .executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom("threat_actions").where("id", "=", stepId).execute();
    await refreshStage(trx, threatId, now);
    await enqueueThreatChanged(trx, threatId, "step_removed", now, stepId);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.step.delete",
      entityType: "threat",
      entityId: threatId,
      before: { stepId, ...shown(before), createdAt: before.created_at },
    });
    await notifyFollowers(trx, {
      threatId,
      actorId: actor.id,
      change: {
        kind: "removal",
        id: String(stepId),
        classification: before.classification,
        date: before.occurred_on,
        note: null,
      },
    });
    return true;
  });
}
