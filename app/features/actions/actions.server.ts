/**
 * The advocacy log: chapters (their leads and members) and coalition members (their representatives)
 * log what they did; staff review it (review.server.ts). Only `accepted` rows count anywhere.
 */
import { db } from "~db/connection";
import { LOG_PER_PAGE } from "~/features/actions/constants";
import type { ActionReviewStatus, User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import type { ActionInput } from "~/features/actions/forms";
import type { Result } from "~/lib/result";

/** Whose log a user writes in: their chapter, their organisation, or none (staff, the detached). */
export function loggerScope(
  user: Pick<User, "role" | "chapter_id" | "coalition_member_id">,
): { chapterId: number; coalitionMemberId: null } | { chapterId: null; coalitionMemberId: number } | null {
  if ((user.role === "chapter_lead" || user.role === "chapter_member") && user.chapter_id)
    return { chapterId: user.chapter_id, coalitionMemberId: null };
  if (user.role === "coalition_member" && user.coalition_member_id)
    return { chapterId: null, coalitionMemberId: user.coalition_member_id };
  return null;
}

type Owned = { chapter_id: number | null; coalition_member_id: number | null; logged_by: number | null };

/** A lead edits their chapter's actions, a member their own (while in the chapter), a representative their organisation's. */
export function canEditAction(user: User, action: Owned): boolean {
  if (user.status !== "active") return false;
  if (user.role === "chapter_lead") return !!user.chapter_id && action.chapter_id === user.chapter_id;
  if (user.role === "chapter_member")
    return !!user.chapter_id && action.chapter_id === user.chapter_id && action.logged_by === user.id;
  if (user.role === "coalition_member")
    return !!user.coalition_member_id && action.coalition_member_id === user.coalition_member_id;
  return false;
}

/** Whether the user may see every action of this chapter or organisation, whatever its state. */
export function seesAllOf(user: User | null, owner: { chapterId?: number; coalitionMemberId?: number }): boolean {
  if (!user) return false;
  if (user.role === "admin" || user.role === "staff") return true;
  const scope = loggerScope(user);
  if (!scope) return false;
  return owner.chapterId !== undefined
    ? scope.chapterId === owner.chapterId
    : owner.coalitionMemberId !== undefined && scope.coalitionMemberId === owner.coalitionMemberId;
}

/** Threats to link an action to: every tracked one, by country then title. */
async function checkThreat(input: ActionInput): Promise<FieldErrors | null> {
  if (input.threatId === undefined) return null;
  const threat = await db.selectFrom("threats").select("id").where("id", "=", input.threatId).executeTakeFirst();
  return threat ? null : { threatId: ["actions:validation.threat"] };
}

function columns(input: ActionInput) {
  return {
    kind: input.kind,
    occurred_on: input.occurredOn,
    description: input.description,
    policymakers: input.policymakers || null,
    threat_id: input.threatId ?? null,
    outcome: input.outcome || null,
    evidence_url: input.evidenceUrl || null,
  };
}

export async function logAction(
  actor: User,
  input: ActionInput,
): Promise<Result<{ id: number }, { fieldErrors: FieldErrors }>> {
  const scope = loggerScope(actor);
  if (!scope) return { ok: false, fieldErrors: { "": ["actions:validation.noScope"] } };
  if (scope.coalitionMemberId !== null) {
    // A suspended or departed organisation no longer speaks for the coalition.
    const organisation = await db
      .selectFrom("coalition_members")
      .select("status")
      .where("id", "=", scope.coalitionMemberId)
      .executeTakeFirst();
    if (organisation?.status !== "active")
      return { ok: false, fieldErrors: { "": ["actions:validation.organisationInactive"] } };
  }
  const problems = await checkThreat(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const now = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("advocacy_actions")
      .values({
        chapter_id: scope.chapterId,
        coalition_member_id: scope.coalitionMemberId,
        logged_by: actor.id,
        ...columns(input),
        review_status: "pending",
        review_comment: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "advocacy_action.create",
      entityType: "advocacy_action",
      entityId: row.id,
      after: { ...columns(input), chapter_id: scope.chapterId, coalition_member_id: scope.coalitionMemberId },
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function getAction(id: number) {
  return db
    .selectFrom("advocacy_actions")
    .leftJoin("chapters", "chapters.id", "advocacy_actions.chapter_id")
    .leftJoin("coalition_members", "coalition_members.id", "advocacy_actions.coalition_member_id")
    .leftJoin("threats", "threats.id", "advocacy_actions.threat_id")
    .leftJoin("users", "users.id", "advocacy_actions.logged_by")
    .selectAll("advocacy_actions")
    .select([
      "chapters.name as chapter_name",
      "coalition_members.name as organisation_name",
      "threats.slug as threat_slug",
      "threats.title as threat_title",
      "users.name as logger_name",
    ])
    .where("advocacy_actions.id", "=", id)
    .executeTakeFirst();
}
export type ActionDetail = NonNullable<Awaited<ReturnType<typeof getAction>>>;

/** Saves the logger's changes; a reviewed action goes back to the queue. Withdrawn ones stay withdrawn. */
export async function updateAction(actor: User, action: ActionDetail, input: ActionInput): Promise<FieldErrors | null> {
  if (action.review_status === "withdrawn") return { "": ["actions:validation.withdrawn"] };
  const problems = await checkThreat(input);
  if (problems) return problems;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("advocacy_actions")
      .set({ ...columns(input), review_status: "pending", updated_at: now })
      .where("id", "=", action.id)
      .where("review_status", "!=", "withdrawn")
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "advocacy_action.update",
      entityType: "advocacy_action",
      entityId: action.id,
      before: { ...pick(action), review_status: action.review_status },
      after: { ...columns(input), review_status: "pending" },
    });
  });
  return null;
}

function pick(action: ActionDetail) {
  return {
    kind: action.kind,
    occurred_on: action.occurred_on,
    description: action.description,
    policymakers: action.policymakers,
    threat_id: action.threat_id,
    outcome: action.outcome,
    evidence_url: action.evidence_url,
  };
}

/** Withdrawn: kept for the record, never counted, no longer editable. */
export async function withdrawAction(actor: User, action: ActionDetail): Promise<boolean> {
  if (action.review_status === "withdrawn") return false;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable("advocacy_actions")
      .set({ review_status: "withdrawn", updated_at: now })
      .where("id", "=", action.id)
      .where("review_status", "!=", "withdrawn")
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "advocacy_action.withdraw",
      entityType: "advocacy_action",
      entityId: action.id,
      before: { review_status: action.review_status },
      after: { review_status: "withdrawn" },
    });
    return true;
  });
}

function listBase() {
  return db
    .selectFrom("advocacy_actions")
    .leftJoin("threats", "threats.id", "advocacy_actions.threat_id")
    .leftJoin("users", "users.id", "advocacy_actions.logged_by")
    .select([
      "advocacy_actions.id",
      "advocacy_actions.chapter_id",
      "advocacy_actions.coalition_member_id",
      "advocacy_actions.logged_by",
      "advocacy_actions.kind",
      "advocacy_actions.occurred_on",
      "advocacy_actions.description",
      "advocacy_actions.policymakers",
      "advocacy_actions.outcome",
      "advocacy_actions.evidence_url",
      "advocacy_actions.review_status",
      "advocacy_actions.review_comment",
      "threats.slug as threat_slug",
      "threats.title as threat_title",
      "users.name as logger_name",
    ]);
}

/** The log of the user's chapter or organisation (or only what they logged), newest first. */
export async function listMyLog(user: User, options: { mine: boolean; page: number }) {
  const scope = loggerScope(user);
  if (!scope) return { rows: [], total: 0 };
  let query = listBase();
  query = scope.chapterId
    ? query.where("advocacy_actions.chapter_id", "=", scope.chapterId)
    : query.where("advocacy_actions.coalition_member_id", "=", scope.coalitionMemberId);
  if (options.mine) query = query.where("advocacy_actions.logged_by", "=", user.id);
  const [rows, count] = await Promise.all([
    query
      .orderBy("advocacy_actions.occurred_on", "desc")
      .orderBy("advocacy_actions.id", "desc")
      .limit(LOG_PER_PAGE)
      .offset((options.page - 1) * LOG_PER_PAGE)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, editable: canEditAction(user, r) })),
    total: Number(count.n),
  };
}

/** A chapter's actions for its page: accepted ones for the public, every state for its people and staff. */
export async function listChapterActions(chapterId: number, statuses: "accepted" | "all", limit = 200) {
  let query = listBase().where("advocacy_actions.chapter_id", "=", chapterId);
  if (statuses === "accepted") query = query.where("advocacy_actions.review_status", "=", "accepted");
  return query
    .orderBy("advocacy_actions.occurred_on", "desc")
    .orderBy("advocacy_actions.id", "desc")
    .limit(limit)
    .execute();
}

export type ReviewStatus = ActionReviewStatus;
