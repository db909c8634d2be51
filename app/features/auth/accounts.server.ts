import { db } from "~db/connection";
import type { FieldErrors } from "~/lib/field-errors";
import type { User } from "~db/schema";
import { hashPassword, verifyPassword } from "~/features/auth/password.server";
import { invalidateUserSessions } from "~/features/auth/session.server";

export async function findUserByEmail(email: string): Promise<User | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

/** The active user with that e-mail and password, or null (in the same time either way). */
export async function authenticate(email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(email);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !ok || user.status !== "active") return null;
  await db.updateTable("users").set({ last_login_at: new Date().toISOString() }).where("id", "=", user.id).execute();
  return user;
}

/** Changes the password after checking the current one; ends every other session of the user. */
export async function changePassword(
  user: User,
  currentPassword: string,
  newPassword: string,
  keepSessionId: string,
): Promise<FieldErrors | null> {
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    return { currentPassword: ["validation.password.wrongCurrent"] };
  }
  const now = new Date().toISOString();
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword(newPassword), updated_at: now })
    .where("id", "=", user.id)
    .execute();
  await invalidateUserSessions(user.id, keepSessionId);
  return null;
}

export async function updateProfile(userId: number, values: { name: string; locale: string }): Promise<void> {
  await db
    .updateTable("users")
    .set({ name: values.name, locale: values.locale, updated_at: new Date().toISOString() })
    .where("id", "=", userId)
    .execute();
}

export async function setUserLocale(userId: number, locale: string): Promise<void> {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

/** The name of the chapter or organisation a scoped role belongs to. */
export async function getScopeName(user: Pick<User, "chapter_id" | "coalition_member_id">): Promise<string | null> {
  if (user.chapter_id) {
    const row = await db.selectFrom("chapters").select("name").where("id", "=", user.chapter_id).executeTakeFirst();
    return row?.name ?? null;
  }
  if (user.coalition_member_id) {
    const row = await db
      .selectFrom("coalition_members")
      .select("name")
      .where("id", "=", user.coalition_member_id)
      .executeTakeFirst();
    return row?.name ?? null;
  }
  return null;
}
