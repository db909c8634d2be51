/** Staff management of targets: create, edit, delete, order. Every write is audited. */
import { db } from "~db/connection";
import type { User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { removeVersionsOf } from "~/features/translations/versions.server";
import { recordAudit } from "~/features/security/audit.server";
import { FILTER_KEYS, serializeFilter, type TargetFilter } from "~/features/targets/catalogue";
import type { Target } from "~/features/targets/metrics.server";
import type { TargetInput } from "~/features/targets/forms";
import { isYearOver } from "~/features/targets/status";
import type { Result } from "~/lib/result";

function columns(input: TargetInput) {
  const manual = input.metric === "manual";
  const filter: TargetFilter = {};
  for (const key of FILTER_KEYS) if (input[key]) filter[key] = input[key];
  return {
    year: input.year,
    title: input.title,
    metric: input.metric,
    filter: manual ? null : serializeFilter(filter),
    comparison: "at_least" as const,
    goal: input.goal,
    manual_value: manual ? (input.manualValue ?? null) : null,
    manual_unit: manual ? (input.manualUnit ?? "count") : null,
    manual_evidence: manual ? (input.manualEvidence ?? null) : null,
    manual_evidence_url: manual ? (input.manualEvidenceUrl ?? null) : null,
    ...(input.originalLocale ? { original_locale: input.originalLocale } : {}),
  };
}

async function checkReferences(input: TargetInput): Promise<FieldErrors | null> {
  if (input.jurisdiction) {
    const found = await db
      .selectFrom("jurisdictions")
      .select("code")
      .where("code", "=", input.jurisdiction)
      .executeTakeFirst();
    if (!found) return { jurisdiction: ["validation.jurisdiction"] };
  }
  return null;
}

export async function createTarget(
  actor: User,
  input: TargetInput,
): Promise<Result<{ id: number }, { fieldErrors: FieldErrors }>> {
  const problems = await checkReferences(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const now = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("targets")
      .select((eb) => eb.fn.max("position").as("p"))
      .where("year", "=", input.year)
      .executeTakeFirst();
    const values = { ...columns(input), position: Number(last?.p ?? 0) + 1 };
    const row = await trx
      .insertInto("targets")
      .values({ ...values, created_by: actor.id, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "target.create",
      entityType: "target",
      entityId: row.id,
      after: values,
    });
    return row.id;
  });
  return { ok: true, id };
}

/**
 * Edits a target. When what the number means changes (metric, filter, manual figure) for a
 * finished year, its snapshot is dropped in the same transaction and retaken on the next read.
 */
export async function updateTarget(actor: User, target: Target, input: TargetInput): Promise<FieldErrors | null> {
  const problems = await checkReferences(input);
  if (problems) return problems;
  const now = new Date().toISOString();
  const values = columns(input);
  const redefined =
    values.metric !== target.metric ||
    values.filter !== target.filter ||
    values.manual_value !== target.manual_value ||
    values.manual_unit !== target.manual_unit ||
    values.year !== target.year;
  await db.transaction().execute(async (trx) => {
    const moved = values.year !== target.year;
    let position = target.position;
    if (moved) {
      const last = await trx
        .selectFrom("targets")
        .select((eb) => eb.fn.max("position").as("p"))
        .where("year", "=", values.year)
        .executeTakeFirst();
      position = Number(last?.p ?? 0) + 1;
    }
    await trx
      .updateTable("targets")
      .set({ ...values, position, updated_at: now })
      .where("id", "=", target.id)
      .execute();
    const dropSnapshot = redefined && isYearOver(target.year);
    if (redefined) await trx.deleteFrom("target_snapshots").where("target_id", "=", target.id).execute();
    const { created_at: _c, updated_at: _u, ...before } = target;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "target.update",
      entityType: "target",
      entityId: target.id,
      before,
      after: { ...values, position, snapshotDropped: dropSnapshot },
    });
  });
  return null;
}

export async function deleteTarget(actor: User, target: Target): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("target_snapshots").where("target_id", "=", target.id).execute();
    await trx.deleteFrom("targets").where("id", "=", target.id).execute();
    await removeVersionsOf(trx, "target", target.id);
    const { created_at: _c, updated_at: _u, ...before } = target;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "target.delete",
      entityType: "target",
      entityId: target.id,
      before,
    });
  });
}

/** Moves a target one place up or down within its year (positions are renumbered 1..n). */
export async function moveTarget(actor: User, target: Target, direction: "up" | "down"): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const ids = (
      await trx
        .selectFrom("targets")
        .select("id")
        .where("year", "=", target.year)
        .orderBy("position")
        .orderBy("id")
        .execute()
    ).map((r) => r.id);
    const from = ids.indexOf(target.id);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    for (const [index, id] of ids.entries()) {
      await trx
        .updateTable("targets")
        .set({ position: index + 1, updated_at: now })
        .where("id", "=", id)
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "target.move",
      entityType: "target",
      entityId: target.id,
      before: { position: from + 1 },
      after: { position: to + 1 },
    });
  });
}

/** The years that have targets, newest first, for the year picker. */
export async function targetYears(): Promise<number[]> {
  const rows = await db.selectFrom("targets").select("year").distinct().orderBy("year", "desc").execute();
  return rows.map((r) => r.year);
}
