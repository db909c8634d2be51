import { db } from "~db/connection";
import type { User } from "~db/schema";
import { loadConfig } from "~/config.server";
import type { FieldErrors } from "~/lib/field-errors";
import { isStaff } from "~/features/auth/guards.server";
import { queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import type { Category, ProposalStatus, Severity, ThreatKind } from "~/lib/vocabularies";
import { insertThreat, validateReferences } from "~/features/threats/mutations.server";
import { toWaiting, type Waiting } from "~/lib/waiting";

export interface ProposalInput {
  kind: ThreatKind;
  identifier?: string;
  title: string;
  summary?: string;
  sourceUrl?: string;
}

/** A chapter member proposes a threat seen in their own chapter's country. */
export async function proposeThreat(actor: User, input: ProposalInput): Promise<number> {
  const chapter = await db
    .selectFrom("chapters")
    .select(["id", "jurisdiction_code"])
    .where("id", "=", actor.chapter_id ?? -1)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("threat_proposals")
      .values({
        proposed_by: actor.id,
        chapter_id: chapter.id,
        jurisdiction_code: chapter.jurisdiction_code,
        kind: input.kind,
        identifier: input.identifier || null,
        title: input.title,
        summary: input.summary ?? "",
        source_url: input.sourceUrl || null,
        status: "pending",
        review_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        threat_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "proposal.create",
      entityType: "threat_proposal",
      entityId: row.id,
      after: input,
    });
    return row.id;
  });
}

/** Staff see every proposal; chapter people only their own chapter's. */
/** The review queue for the staff inbox: pending proposals, the oldest by when it was made. */
export async function proposalsWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("threat_proposals")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("created_at").as("oldest")])
    .where("status", "=", "pending")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function listProposals(viewer: User, status?: ProposalStatus) {
  let query = db
    .selectFrom("threat_proposals")
    .innerJoin("users", "users.id", "threat_proposals.proposed_by")
    .leftJoin("chapters", "chapters.id", "threat_proposals.chapter_id")
    .leftJoin("threats", "threats.id", "threat_proposals.threat_id")
    .select([
      "threat_proposals.id",
      "threat_proposals.jurisdiction_code",
      "threat_proposals.kind",
      "threat_proposals.identifier",
      "threat_proposals.title",
      "threat_proposals.summary",
      "threat_proposals.source_url",
      "threat_proposals.status",
      "threat_proposals.review_reason",
      "threat_proposals.created_at",
      "users.name as proposer_name",
      "chapters.name as chapter_name",
      "threats.slug as threat_slug",
    ]);
  if (!isStaff(viewer)) query = query.where("threat_proposals.chapter_id", "=", viewer.chapter_id ?? -1);
  if (status) query = query.where("threat_proposals.status", "=", status);
  return query.orderBy("threat_proposals.created_at", "desc").limit(200).execute();
}

async function pendingProposal(id: number) {
  return db
    .selectFrom("threat_proposals")
    .innerJoin("users", "users.id", "threat_proposals.proposed_by")
    .selectAll("threat_proposals")
    .select(["users.email as proposer_email", "users.name as proposer_name", "users.locale as proposer_locale"])
    .where("threat_proposals.id", "=", id)
    .where("threat_proposals.status", "=", "pending")
    .executeTakeFirst();
}

type Decision =
  | { decision: "accepted"; severity: Severity; categories: Category[] }
  | { decision: "merged"; intoSlug: string; reason?: string }
  | { decision: "rejected"; reason: string };

/** Accept (creates the threat), merge into an existing threat, or reject with a reason; the proposer is told. */
export async function reviewProposal(actor: User, id: number, decision: Decision): Promise<FieldErrors | null> {
  const proposal = await pendingProposal(id);
  if (!proposal) return { decision: ["validation.proposal.notPending"] };
  const now = new Date().toISOString();
  let mergeInto: { id: number; slug: string } | undefined;
  if (decision.decision === "merged") {
    mergeInto = await db
      .selectFrom("threats")
      .select(["id", "slug"])
      .where("slug", "=", decision.intoSlug)
      .executeTakeFirst();
    if (!mergeInto) return { intoSlug: ["validation.relatedThreat"] };
  }
  const threatInput = {
    jurisdiction: proposal.jurisdiction_code,
    kind: proposal.kind,
    identifier: proposal.identifier ?? undefined,
    title: proposal.title,
    summary: proposal.summary,
    categories: decision.decision === "accepted" ? decision.categories : [],
    severity: decision.decision === "accepted" ? decision.severity : ("low" as const),
    firstSeenOn: proposal.created_at.slice(0, 10),
    sources: proposal.source_url ? [proposal.source_url] : [],
  };
  if (decision.decision === "accepted") {
    const problems = await validateReferences(threatInput);
    if (problems) return problems;
  }
  await db.transaction().execute(async (trx) => {
    let threat: { id: number; slug: string } | undefined = mergeInto;
    if (decision.decision === "accepted") threat = await insertThreat(trx, actor, threatInput);
    if (decision.decision === "merged" && mergeInto && proposal.source_url) {
      await trx
        .insertInto("threat_sources")
        .values({ threat_id: mergeInto.id, url: proposal.source_url, label: null, created_at: now, updated_at: now })
        .execute();
    }
    const reason = decision.decision === "accepted" ? null : (decision.reason ?? null);
    await trx
      .updateTable("threat_proposals")
      .set({
        status: decision.decision,
        review_reason: reason,
        reviewed_by: actor.id,
        reviewed_at: now,
        threat_id: threat?.id ?? null,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `proposal.${decision.decision}`,
      entityType: "threat_proposal",
      entityId: id,
      after: { decision: decision.decision, reason, threat: threat?.slug ?? null },
    });
    await queueEmail(trx, {
      template: "proposal-reviewed",
      to: proposal.proposer_email,
      locale: proposal.proposer_locale,
      props: {
        name: proposal.proposer_name,
        proposalTitle: proposal.title,
        decision: decision.decision,
        reason,
        threatUrl: threat ? `${loadConfig().appUrl}/threats/${threat.slug}` : null,
      },
      idempotencyKey: `proposal-reviewed:${id}`,
    });
  });
  return null;
}
