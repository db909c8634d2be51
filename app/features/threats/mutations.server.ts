import type { Transaction } from "kysely";
import { db } from "~db/connection";
import type { Database, User } from "~db/schema";
import { searchable } from "~/lib/search";
import { slugify } from "~/lib/slug";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import { notifyFollowers } from "~/features/threats/notify.server";
import { enqueueThreatChanged } from "~/features/webhooks/events.server";
import type { StepInput, OutcomeInput, ThreatInput } from "~/features/threats/forms";
import { deriveStage } from "~/features/threats/stage";
import type { Result } from "~/lib/result";

type Tx = Transaction<Database>;

async function jurisdictionExists(code: string): Promise<boolean> {
  return !!(await db.selectFrom("jurisdictions").select("code").where("code", "=", code).executeTakeFirst());
}

async function uniqueSlug(trx: Tx, input: ThreatInput): Promise<string> {
  const year = input.firstSeenOn.slice(0, 4);
  const base = slugify(`${input.jurisdiction} ${input.shortName || input.identifier || input.title} ${year}`);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await trx.selectFrom("threats").select("id").where("slug", "=", candidate).executeTakeFirst()))
      return candidate;
  }
}

function columns(input: ThreatInput) {
  return {
    jurisdiction_code: input.jurisdiction,
    kind: input.kind,
    identifier: input.identifier || null,
    title: input.title,
    short_name: input.shortName || null,
    summary: input.summary ?? "",
    severity: input.severity,
    first_seen_on: input.firstSeenOn,
    search_text: searchable(input.title, input.shortName, input.identifier, input.summary),
    ...(input.originalLocale ? { original_locale: input.originalLocale } : {}),
  };
}

export async function validateReferences(input: ThreatInput, selfId?: number): Promise<FieldErrors | null> {
  if (!(await jurisdictionExists(input.jurisdiction))) return { jurisdiction: ["validation.jurisdiction"] };
  if (input.relatedSlug) {
    const related = await db
      .selectFrom("threats")
      .select("id")
      .where("slug", "=", input.relatedSlug)
      .executeTakeFirst();
    if (!related || related.id === selfId) return { relatedSlug: ["validation.relatedThreat"] };
    if (!input.relation) return { relation: ["validation.choose"] };
  }
  return null;
}

async function writeChildren(trx: Tx, threatId: number, input: ThreatInput, now: string) {
  await trx.deleteFrom("threat_categories").where("threat_id", "=", threatId).execute();
  await trx
    .insertInto("threat_categories")
    .values([...new Set(input.categories)].map((category) => ({ threat_id: threatId, category })))
    .execute();
  await trx.deleteFrom("threat_sources").where("threat_id", "=", threatId).execute();
  if (input.sources.length) {
    await trx
      .insertInto("threat_sources")
      .values(
        [...new Set(input.sources)].map((url) => ({
          threat_id: threatId,
          url,
          label: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (input.relatedSlug && input.relation) {
    const related = await trx
      .selectFrom("threats")
      .select("id")
      .where("slug", "=", input.relatedSlug)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("threat_relations")
      .values({
        threat_id: related.id,
        related_threat_id: threatId,
        relation: input.relation,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["threat_id", "related_threat_id", "relation"]).doNothing())
      .execute();
  }
}

export async function createThreat(
  actor: User,
  input: ThreatInput,
): Promise<Result<{ slug: string; id: number }, { fieldErrors: FieldErrors }>> {
  const problems = await validateReferences(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const created = await db.transaction().execute((trx) => insertThreat(trx, actor, input));
  return { ok: true, ...created };
}

/** Inserts a validated threat in the caller's transaction (creation, accepted proposals). */
export async function insertThreat(trx: Tx, actor: User, input: ThreatInput): Promise<{ slug: string; id: number }> {
  const now = new Date().toISOString();
  const slug = await uniqueSlug(trx, input);
  const row = await trx
    .insertInto("threats")
    .values({ ...columns(input), slug, outcome: "open", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeChildren(trx, row.id, input, now);
  await recordAudit(trx, {
    actorUserId: actor.id,
    action: "threat.create",
    entityType: "threat",
    entityId: row.id,
    after: { slug, ...input },
  });
  await enqueueThreatChanged(trx, row.id, "created", now);
  return { slug, id: row.id };
}

export async function updateThreat(actor: User, threatId: number, input: ThreatInput): Promise<FieldErrors | null> {
  const problems = await validateReferences(input, threatId);
  if (problems) return problems;
  const before = await db.selectFrom("threats").selectAll().where("id", "=", threatId).executeTakeFirstOrThrow();
  const beforeCategories = await db
    .selectFrom("threat_categories")
    .select("category")
    .where("threat_id", "=", threatId)
    .execute();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("threats")
      .set({ ...columns(input), updated_at: now })
      .where("id", "=", threatId)
      .execute();
    await writeChildren(trx, threatId, input, now);
    const { search_text: _s, ...shown } = before;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.update",
      entityType: "threat",
      entityId: threatId,
      before: { ...shown, categories: beforeCategories.map((c) => c.category) },
      after: input,
    });
  });
  return null;
}

/** Recomputes the cached stage from every step of the threat. */
export async function refreshStage(trx: Tx, threatId: number, now: string) {
  const steps = await trx
    .selectFrom("threat_actions")
    .select(["id", "occurred_on", "classification"])
    .where("threat_id", "=", threatId)
    .execute();
  await trx
    .updateTable("threats")
    .set({ ...deriveStage(steps), updated_at: now })
    .where("id", "=", threatId)
    .execute();
}

export async function recordStep(actor: User, threatId: number, input: StepInput): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("threat_actions")
      .values({
        threat_id: threatId,
        occurred_on: input.occurredOn,
        classification: input.classification,
        note: input.note || null,
        source_url: input.sourceUrl || null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await refreshStage(trx, threatId, now);
    await enqueueThreatChanged(trx, threatId, "step_added", now, row.id);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.action",
      entityType: "threat",
      entityId: threatId,
      after: input,
    });
    await notifyFollowers(trx, {
      threatId,
      actorId: actor.id,
      change: {
        kind: "step",
        id: row.id,
        classification: input.classification,
        date: input.occurredOn,
        note: input.note ?? null,
      },
    });
    return row.id;
  });
}

export async function setOutcome(actor: User, threatId: number, input: OutcomeInput): Promise<void> {
  const now = new Date().toISOString();
  const before = await db
    .selectFrom("threats")
    .select(["outcome", "outcome_reason", "outcome_on"])
    .where("id", "=", threatId)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    const change = await trx
      .insertInto("threat_outcome_changes")
      .values({
        threat_id: threatId,
        outcome: input.outcome,
        reason: input.reason,
        decided_on: input.decidedOn,
        changed_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("threats")
      .set({ outcome: input.outcome, outcome_reason: input.reason, outcome_on: input.decidedOn, updated_at: now })
      .where("id", "=", threatId)
      .execute();
    await enqueueThreatChanged(trx, threatId, "outcome_set", now);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.outcome",
      entityType: "threat",
      entityId: threatId,
      before,
      after: input,
    });
    await notifyFollowers(trx, {
      threatId,
      actorId: actor.id,
      change: { kind: "outcome", id: change.id, outcome: input.outcome, date: input.decidedOn, note: input.reason },
    });
  });
}
