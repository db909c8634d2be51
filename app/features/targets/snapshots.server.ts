/**
 * Year-end snapshots: once a year is over, each of its targets' value and rows are stored once, and
 * from then on pages and the API read the snapshot, so that last year's figures stay put when old
 * rows change. Taken lazily when a past year is read, and by a daily job; staff may retake one.
 */
import type { User } from "~db/schema";
import { db } from "~db/connection";
import { runExclusive } from "~/features/jobs/exclusive.server";
import { logger } from "~/features/security/log.server";
import { recordAudit } from "~/features/security/audit.server";
import { computeTarget, type MetricRow, type Target } from "~/features/targets/metrics.server";
import { currentYear } from "~/features/targets/status";
import { type Unit } from "~/lib/vocabularies";

export interface SnapshotDetails {
  version: 1;
  metric: string;
  filter: string | null;
  unit: Unit;
  parts: { counted: number; total: number } | null;
  rows: MetricRow[];
}

async function computeSnapshot(target: Target) {
  const result = await computeTarget(target, true);
  const details: SnapshotDetails = {
    version: 1,
    metric: target.metric,
    filter: target.filter,
    unit: result.unit,
    parts: result.parts ?? null,
    rows: result.rows ?? [],
  };
  return { target_id: target.id, value: result.value, details: JSON.stringify(details) };
}

/**
 * Takes the target's snapshot unless one exists. Two takers at once both compute, the second insert
 * does nothing (the target id is the key), and both then read the same stored row.
 */
export async function ensureSnapshot(target: Target): Promise<void> {
  const existing = await db
    .selectFrom("target_snapshots")
    .select("target_id")
    .where("target_id", "=", target.id)
    .executeTakeFirst();
  if (existing) return;
  const row = await computeSnapshot(target);
  await db
    .insertInto("target_snapshots")
    .values({ ...row, taken_at: new Date().toISOString() })
    .onConflict((oc) => oc.column("target_id").doNothing())
    .execute();
}

/** Staff retake a snapshot (e.g. after late reports): replaced in place, audited. */
export async function retakeSnapshot(actor: User, target: Target): Promise<void> {
  const row = await computeSnapshot(target);
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("target_snapshots")
      .select(["value", "taken_at"])
      .where("target_id", "=", target.id)
      .executeTakeFirst();
    await trx
      .insertInto("target_snapshots")
      .values({ ...row, taken_at: now })
      .onConflict((oc) => oc.column("target_id").doUpdateSet({ value: row.value, details: row.details, taken_at: now }))
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "target.snapshot",
      entityType: "target",
      entityId: target.id,
      before: before ?? null,
      after: { value: row.value, taken_at: now },
    });
  });
}

/** Targets of finished years that have no snapshot yet. */
export async function targetsMissingSnapshots(now = new Date(), year?: number): Promise<Target[]> {
  let query = db
    .selectFrom("targets")
    .selectAll("targets")
    .where("targets.year", "<", currentYear(now))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("target_snapshots")
            .select("target_snapshots.target_id")
            .whereRef("target_snapshots.target_id", "=", "targets.id"),
        ),
      ),
    );
  if (year !== undefined) query = query.where("targets.year", "=", year);
  return query.orderBy("targets.id").execute();
}

/** Snapshots every finished year's targets that lack one; returns how many were taken. */
export async function snapshotFinishedYears(now = new Date()): Promise<number> {
  const missing = await targetsMissingSnapshots(now);
  for (const target of missing) await ensureSnapshot(target);
  return missing.length;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One scheduled run; null when another app instance is taking the snapshots (PostgreSQL). */
export async function snapshotTick(now = new Date()): Promise<number | null> {
  const run = await runExclusive("targetSnapshots", () => snapshotFinishedYears(now));
  return run.ran ? run.result : null;
}

/** At start and then daily, once across instances: snapshot the targets of years that have just ended. */
export function startSnapshotJob({ intervalMs = DAY_MS }: { intervalMs?: number } = {}): { stop(): void } {
  const run = () =>
    snapshotTick().then(
      (taken) => {
        if (taken) logger.info({ msg: "took target snapshots", taken });
      },
      (error: unknown) => logger.error({ msg: "target snapshots failed", error: String(error) }),
    );
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
