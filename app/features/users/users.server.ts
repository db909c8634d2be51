import { db } from "~db/connection";
import { sql } from "kysely";
import { likeContains } from "~/lib/like.server";
import { parsePage } from "~/lib/paging";
import type { User } from "~db/schema";
import { ROLES, type Role } from "~/lib/vocabularies";
import type { FieldErrors } from "~/lib/field-errors";
import { validateRoleScope } from "~/features/auth/invitations.server";
import { invalidateUserSessions } from "~/features/auth/session.server";
import { recordAudit } from "~/features/security/audit.server";

export const USERS_PER_PAGE = 25;

export interface UserFilters {
  q?: string;
  role?: Role;
  page: number;
}

export function parseUserFilters(url: URL): UserFilters {
  const role = url.searchParams.get("role");
  return {
    q: url.searchParams.get("q")?.trim().slice(0, 100) || undefined,
    role: (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : undefined,
    page: parsePage(url.searchParams),
  };
}

export async function listUsers(filters: UserFilters) {
  let query = db
    .selectFrom("users")
    .leftJoin("chapters", "chapters.id", "users.chapter_id")
    .leftJoin("coalition_members", "coalition_members.id", "users.coalition_member_id");
  if (filters.role) query = query.where("users.role", "=", filters.role);
  if (filters.q) {
    const q = filters.q;
    query = query.where((eb) =>
      eb.or([likeContains(sql<string>`lower(users.email)`, q), likeContains(sql<string>`lower(users.name)`, q)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        "users.id",
        "users.name",
        "users.email",
        "users.role",
        "users.status",
        "users.last_login_at",
        "chapters.name as chapter_name",
        "coalition_members.name as organisation_name",
      ])
      .orderBy("users.name")
      .orderBy("users.id")
      .limit(USERS_PER_PAGE)
      .offset((filters.page - 1) * USERS_PER_PAGE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function getUserDetail(userId: number) {
  const user = await db
    .selectFrom("users")
    .select([
      "id",
      "name",
      "email",
      "role",
      "status",
      "chapter_id",
      "coalition_member_id",
      "locale",
      "last_login_at",
      "created_at",
    ])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const sessions = await db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return { ...user, activeSessions: Number(sessions.n) };
}

export async function listScopes() {
  const [chapters, organisations] = await Promise.all([
    db.selectFrom("chapters").select(["id", "name"]).orderBy("name").execute(),
    db.selectFrom("coalition_members").select(["id", "name"]).where("status", "=", "active").orderBy("name").execute(),
  ]);
  return { chapters, organisations };
}

async function countActiveAdmins(): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function changeUserRole(
  actor: User,
  userId: number,
  input: { role: Role; chapterId?: number; coalitionMemberId?: number },
): Promise<FieldErrors | null> {
  const before = await getUserDetail(userId);
  if (!before) return { role: ["validation.user.notFound"] };
  const scopeErrors = await validateRoleScope(input);
  if (scopeErrors) return scopeErrors;
  if (before.role === "admin" && input.role !== "admin" && (await countActiveAdmins()) <= 1) {
    return { role: ["validation.role.lastAdmin"] };
  }
  const after = {
    role: input.role,
    chapter_id: input.role === "chapter_lead" || input.role === "chapter_member" ? (input.chapterId ?? null) : null,
    coalition_member_id: input.role === "coalition_member" ? (input.coalitionMemberId ?? null) : null,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ ...after, updated_at: new Date().toISOString() })
      .where("id", "=", userId)
      .execute();
    // New powers or a new scope take effect on a fresh sign-in.
    await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "user.role",
      entityType: "user",
      entityId: userId,
      before: { role: before.role, chapter_id: before.chapter_id, coalition_member_id: before.coalition_member_id },
      after,
    });
  });
  return null;
}

export async function setUserStatus(
  actor: User,
  userId: number,
  status: "active" | "deactivated",
): Promise<FieldErrors | null> {
  const before = await getUserDetail(userId);
  if (!before) return { status: ["validation.user.notFound"] };
  if (status === "deactivated" && userId === actor.id) return { status: ["validation.user.notSelf"] };
  if (status === "deactivated" && before.role === "admin" && (await countActiveAdmins()) <= 1) {
    return { status: ["validation.role.lastAdmin"] };
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ status, updated_at: new Date().toISOString() })
      .where("id", "=", userId)
      .execute();
    if (status === "deactivated") await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `user.${status === "active" ? "reactivate" : "deactivate"}`,
      entityType: "user",
      entityId: userId,
      before: { status: before.status },
      after: { status },
    });
  });
  return null;
}

export async function endUserSessions(actor: User, userId: number): Promise<number> {
  const ended = await invalidateUserSessions(userId);
  await recordAudit(db, {
    actorUserId: actor.id,
    action: "user.end_sessions",
    entityType: "user",
    entityId: userId,
    after: { ended },
  });
  return ended;
}
