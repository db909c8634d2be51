import { db } from "~db/connection";
import type { User } from "~db/schema";
import { isStaff } from "~/features/auth/guards.server";
import { recordAudit } from "~/features/security/audit.server";

export async function listChapterMembers(chapterId: number) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "status", "created_at"])
    .where("chapter_id", "=", chapterId)
    .where("role", "in", ["chapter_lead", "chapter_member"])
    .orderBy("role")
    .orderBy("name")
    .limit(1000)
    .execute();
}

export async function listChapterInvitations(chapterId: number) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "name", "role", "expires_at"])
    .where("chapter_id", "=", chapterId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", new Date().toISOString())
    .orderBy("created_at", "desc")
    .limit(200)
    .execute();
}

/**
 * Removes someone from the chapter: detached from it and their account closed (sessions ended, no
 * more alerts). A chapter role without a chapter means nothing anywhere else in the app, so no
 * half-state is left behind; an administrator can reopen the account with a new scope. The row
 * stays, so what they logged keeps its author and stays the chapter's (they can no longer edit it).
 * A lead removes members only; staff remove leads too. Returns an i18n error key, or null.
 */
export async function removeChapterMember(actor: User, chapterId: number, userId: number): Promise<string | null> {
  const target = await db
    .selectFrom("users")
    .select(["id", "role", "chapter_id", "email"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!target || target.chapter_id !== chapterId) return "actions:members.notMember";
  if (target.id === actor.id) return "actions:members.notSelf";
  if (!isStaff(actor) && target.role !== "chapter_member") return "actions:members.leadsByStaff";
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ chapter_id: null, status: "deactivated", updated_at: now })
      .where("id", "=", userId)
      .where("chapter_id", "=", chapterId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "chapter.member_remove",
      entityType: "chapter",
      entityId: chapterId,
      before: { user_id: target.id, email: target.email, role: target.role, chapter_id: chapterId },
      after: { user_id: target.id, chapter_id: null, status: "deactivated" },
    });
  });
  return null;
}
