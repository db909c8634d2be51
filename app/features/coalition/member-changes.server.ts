/**
 * A representative's change of their organisation's public name or website waits for staff: it is
 * a `coalition_member_changes` row (pending → approved | rejected | withdrawn) until a staff member
 * approves it, and only then reaches `coalition_members` (the directory, the API, new signatures).
 * The representative is mailed the decision through the outbox, in the decision's transaction.
 */
import { db } from "~db/connection";
import type { CoalitionMembersTable, User, Executor } from "~db/schema";
import type { Selectable } from "kysely";
import { loadConfig } from "~/config.server";
import { foldName, searchable } from "~/lib/search";
import { queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import type { Nothing, Result } from "~/lib/result";
import { toWaiting, type Waiting } from "~/lib/waiting";

type MemberRow = Selectable<CoalitionMembersTable>;

/** The change waiting for review for a member, if any. */
export async function pendingChangeOf(memberId: number, executor: Executor = db) {
  return executor
    .selectFrom("coalition_member_changes")
    .selectAll()
    .where("member_id", "=", memberId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

/**
 * Whether `name` would clash with another member's: its approved name, or (when `withPending`)
 * the name it has asked for. Folded for case, accents and spacing.
 */
export async function nameClashes(
  executor: Executor,
  name: string,
  memberId: number | null,
  withPending: boolean,
): Promise<boolean> {
  const folded = foldName(name);
  let approved = executor.selectFrom("coalition_members").select("id").where("name_folded", "=", folded);
  if (memberId !== null) approved = approved.where("id", "<>", memberId);
  if (await approved.executeTakeFirst()) return true;
  if (!withPending) return false;
  let pending = executor
    .selectFrom("coalition_member_changes")
    .select("id")
    .where("status", "=", "pending")
    .where("name_folded", "=", folded);
  if (memberId !== null) pending = pending.where("member_id", "<>", memberId);
  return !!(await pending.executeTakeFirst());
}

export type RequestResult = Result<{ pending: boolean }, { reason: "name_taken" }>;

/**
 * Records what a representative asked for, in the caller's transaction. Asking again replaces the
 * pending request; asking for the approved name and website withdraws it. Writes nothing when the
 * name clashes with another member's approved or requested name.
 */
export async function requestMemberChange(
  trx: Executor,
  actor: User,
  member: MemberRow,
  wanted: { name: string; website: string | null },
  now = new Date(),
): Promise<RequestResult> {
  const name = wanted.name === member.name ? null : wanted.name;
  const websiteChanged = wanted.website !== member.website;
  if (name !== null && (await nameClashes(trx, name, member.id, true))) return { ok: false, reason: "name_taken" };

  const stamp = now.toISOString();
  const existing = await pendingChangeOf(member.id, trx);
  const same =
    existing &&
    existing.name === name &&
    existing.website_changed === (websiteChanged ? 1 : 0) &&
    (!websiteChanged || existing.website === wanted.website);
  if (same) return { ok: true, pending: true };
  if (existing) {
    await trx
      .updateTable("coalition_member_changes")
      .set({ status: "withdrawn", updated_at: stamp })
      .where("id", "=", existing.id)
      .where("status", "=", "pending")
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "member.change_withdraw",
      entityType: "coalition_member",
      entityId: member.id,
      before: { change_id: existing.id, name: existing.name, website: existing.website },
    });
  }
  if (name === null && !websiteChanged) return { ok: true, pending: false };

  const row = await trx
    .insertInto("coalition_member_changes")
    .values({
      member_id: member.id,
      requested_by: actor.id,
      name,
      name_folded: name === null ? null : foldName(name),
      website_changed: websiteChanged ? 1 : 0,
      website: websiteChanged ? wanted.website : null,
      previous_name: member.name,
      previous_website: member.website,
      status: "pending",
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actorUserId: actor.id,
    action: "member.change_request",
    entityType: "coalition_member",
    entityId: member.id,
    before: { name: member.name, website: member.website },
    after: {
      change_id: row.id,
      ...(name !== null ? { name } : {}),
      ...(websiteChanged ? { website: wanted.website } : {}),
    },
  });
  return { ok: true, pending: true };
}

const QUEUE_COLUMNS = [
  "coalition_member_changes.id",
  "coalition_member_changes.member_id",
  "coalition_member_changes.name",
  "coalition_member_changes.website_changed",
  "coalition_member_changes.website",
  "coalition_member_changes.previous_name",
  "coalition_member_changes.previous_website",
  "coalition_member_changes.status",
  "coalition_member_changes.created_at",
  "coalition_member_changes.reviewed_at",
  "coalition_member_changes.review_comment",
  "coalition_members.name as member_name",
  "coalition_members.website as member_website",
  "requester.name as requester_name",
  "requester.email as requester_email",
  "reviewer.name as reviewer_name",
] as const;

function queueQuery() {
  return db
    .selectFrom("coalition_member_changes")
    .innerJoin("coalition_members", "coalition_members.id", "coalition_member_changes.member_id")
    .leftJoin("users as requester", "requester.id", "coalition_member_changes.requested_by")
    .leftJoin("users as reviewer", "reviewer.id", "coalition_member_changes.reviewed_by")
    .select(QUEUE_COLUMNS);
}

/** The staff queue: pending changes (oldest first), then the recent decisions. */
/** The review queue for the staff inbox: pending name or website changes, the oldest by request. */
export async function memberChangesWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("coalition_member_changes")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("created_at").as("oldest")])
    .where("status", "=", "pending")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function listMemberChanges() {
  const [pending, recent] = await Promise.all([
    queueQuery()
      .where("coalition_member_changes.status", "=", "pending")
      .orderBy("coalition_member_changes.created_at")
      .orderBy("coalition_member_changes.id")
      .limit(200)
      .execute(),
    queueQuery()
      .where("coalition_member_changes.status", "in", ["approved", "rejected"])
      .orderBy("coalition_member_changes.reviewed_at", "desc")
      .orderBy("coalition_member_changes.id", "desc")
      .limit(20)
      .execute(),
  ]);
  return { pending, recent };
}

export type ReviewResult = Result<Nothing, { fieldErrors: Record<string, string[]> }>;

const NOT_PENDING: ReviewResult = { ok: false, fieldErrors: { decision: ["coalition:changes.notPending"] } };
const NAME_TAKEN: ReviewResult = { ok: false, fieldErrors: { decision: ["coalition:changes.nameTaken"] } };

/**
 * Approves (the name and website reach the member at once) or rejects a pending change, with an
 * optional comment; audits it and mails the representative who asked, in one transaction.
 */
export async function reviewMemberChange(
  actor: User,
  id: number,
  decision: "approve" | "reject",
  comment: string | null,
  now = new Date(),
): Promise<ReviewResult> {
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<ReviewResult> => {
    const change = await trx
      .selectFrom("coalition_member_changes")
      .selectAll()
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (!change) return NOT_PENDING;
    const member = await trx
      .selectFrom("coalition_members")
      .selectAll()
      .where("id", "=", change.member_id)
      .executeTakeFirstOrThrow();
    // Another member may have been created or renamed to this name since it was asked for.
    if (decision === "approve" && change.name !== null && (await nameClashes(trx, change.name, member.id, false))) {
      return NAME_TAKEN;
    }
    const claimed = await trx
      .updateTable("coalition_member_changes")
      .set({
        status: decision === "approve" ? "approved" : "rejected",
        reviewed_by: actor.id,
        reviewed_at: stamp,
        review_comment: comment,
        updated_at: stamp,
      })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return NOT_PENDING;

    const name = change.name ?? member.name;
    const website = change.website_changed ? change.website : member.website;
    if (decision === "approve") {
      await trx
        .updateTable("coalition_members")
        .set({
          name,
          name_folded: foldName(name),
          website,
          search_text: searchable(name, member.public_profile, website),
          updated_at: stamp,
        })
        .where("id", "=", member.id)
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: decision === "approve" ? "member.change_approve" : "member.change_reject",
      entityType: "coalition_member",
      entityId: member.id,
      before: { name: member.name, website: member.website },
      after: {
        change_id: change.id,
        ...(change.name !== null ? { name: change.name } : {}),
        ...(change.website_changed ? { website: change.website } : {}),
        comment,
      },
    });

    const requester =
      change.requested_by === null
        ? undefined
        : await trx
            .selectFrom("users")
            .select(["email", "name", "locale", "status"])
            .where("id", "=", change.requested_by)
            .executeTakeFirst();
    if (requester && requester.status === "active") {
      await queueEmail(trx, {
        template: "member-change-reviewed",
        to: requester.email,
        locale: requester.locale,
        props: {
          name: requester.name,
          organisation: decision === "approve" ? name : member.name,
          decision: decision === "approve" ? "approved" : "rejected",
          requestedName: change.name,
          requestedWebsite: change.website_changed ? (change.website ?? "") : null,
          comment,
          editUrl: `${loadConfig().appUrl}/coalition/${member.id}/edit`,
        },
        idempotencyKey: `member-change-reviewed:${change.id}`,
      });
    }
    return { ok: true };
  });
}
