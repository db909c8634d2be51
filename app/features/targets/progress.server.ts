/** A year's targets with their values: live for the current and future years, snapshots for past ones. */
import { db } from "~db/connection";
import { isMetricKey, METRICS } from "~/features/targets/catalogue";
import { computeTarget, type MetricRow, type Target } from "~/features/targets/metrics.server";
import { ensureSnapshot, targetsMissingSnapshots, type SnapshotDetails } from "~/features/targets/snapshots.server";
import { isMet, isYearOver, progressShare, targetStatus, type TargetStatus } from "~/features/targets/status";
import { type Unit } from "~/lib/vocabularies";

export interface TargetProgress {
  target: Target;
  value: number;
  unit: Unit;
  met: boolean;
  status: TargetStatus;
  progress: number;
  parts: { counted: number; total: number } | null;
  /** When the figure comes from the year-end snapshot. */
  snapshotTakenAt: string | null;
}

export function listYearTargets(year: number): Promise<Target[]> {
  return db.selectFrom("targets").selectAll().where("year", "=", year).orderBy("position").orderBy("id").execute();
}

export function getTarget(id: number): Promise<Target | undefined> {
  return db.selectFrom("targets").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The unit a target's value is in, known without computing it. */
export function unitOf(target: Target): Unit {
  if (!isMetricKey(target.metric) || target.metric === "manual") return target.manual_unit ?? "count";
  return METRICS[target.metric].unit;
}

// A snapshot's details can hold thousands of rows: parse each stored version once per process.
const summaries = new Map<string, { parts: SnapshotDetails["parts"] }>();

function parseDetails(details: string): SnapshotDetails | null {
  try {
    return JSON.parse(details) as SnapshotDetails;
  } catch {
    return null;
  }
}

/** Takes the missing snapshots of a finished year (lazily, on read). */
async function ensureYearSnapshots(year: number, now: Date): Promise<void> {
  if (!isYearOver(year, now)) return;
  for (const target of await targetsMissingSnapshots(now, year)) await ensureSnapshot(target);
}

function progressOf(target: Target, value: number, now: Date) {
  return {
    met: isMet(value, target.goal),
    status: targetStatus(value, target.goal, target.year, now),
    progress: progressShare(value, target.goal),
  };
}

export async function evaluateYear(year: number, now = new Date()): Promise<TargetProgress[]> {
  const targets = await listYearTargets(year);
  if (!targets.length) return [];
  if (isYearOver(year, now)) {
    await ensureYearSnapshots(year, now);
    const snapshots = await db
      .selectFrom("target_snapshots")
      .select(["target_id", "value", "taken_at"])
      .where(
        "target_id",
        "in",
        targets.map((t) => t.id),
      )
      .execute();
    const byTarget = new Map(snapshots.map((s) => [s.target_id, s]));
    const result: TargetProgress[] = [];
    for (const target of targets) {
      const snapshot = byTarget.get(target.id);
      if (!snapshot) continue;
      const key = `${target.id}@${snapshot.taken_at}`;
      let summary = summaries.get(key);
      if (!summary) {
        const details = await db
          .selectFrom("target_snapshots")
          .select("details")
          .where("target_id", "=", target.id)
          .executeTakeFirstOrThrow();
        summary = { parts: parseDetails(details.details)?.parts ?? null };
        if (summaries.size > 5_000) summaries.clear();
        summaries.set(key, summary);
      }
      result.push({
        target,
        value: snapshot.value,
        unit: unitOf(target),
        parts: summary.parts,
        snapshotTakenAt: snapshot.taken_at,
        ...progressOf(target, snapshot.value, now),
      });
    }
    return result;
  }
  return Promise.all(
    targets.map(async (target) => {
      const result = await computeTarget(target, false);
      return {
        target,
        value: result.value,
        unit: result.unit,
        parts: result.parts ?? null,
        snapshotTakenAt: null,
        ...progressOf(target, result.value, now),
      };
    }),
  );
}

export interface TargetDrilldown extends TargetProgress {
  rows: MetricRow[];
}

/** One target with every row behind its number (from the snapshot for a finished year). */
export async function drilldown(target: Target, now = new Date()): Promise<TargetDrilldown> {
  if (isYearOver(target.year, now)) {
    await ensureSnapshot(target);
    const snapshot = await db
      .selectFrom("target_snapshots")
      .selectAll()
      .where("target_id", "=", target.id)
      .executeTakeFirstOrThrow();
    const details = parseDetails(snapshot.details);
    return {
      target,
      value: snapshot.value,
      unit: details?.unit ?? unitOf(target),
      parts: details?.parts ?? null,
      rows: details?.rows ?? [],
      snapshotTakenAt: snapshot.taken_at,
      ...progressOf(target, snapshot.value, now),
    };
  }
  const result = await computeTarget(target, true);
  return {
    target,
    value: result.value,
    unit: result.unit,
    parts: result.parts ?? null,
    rows: result.rows ?? [],
    snapshotTakenAt: null,
    ...progressOf(target, result.value, now),
  };
}
