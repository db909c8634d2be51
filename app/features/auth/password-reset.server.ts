import type { Kysely } from "kysely";
import { db } from "~db/connection";
import type { Database } from "~db/schema";
import { loadConfig } from "~/config.server";
import { runInBackground } from "~/lib/background.server";
import { queueEmail } from "~/features/email/outbox.server";
import { hashPassword } from "~/features/auth/password.server";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";

export const RESET_LIFETIME_MINUTES = 60;
const RESET_MAIL_DELAY_MS = 250;

/**
 * Sends a reset link when an active account has this address. Says nothing either way, so the
 * form cannot be used to find out who has an account; and the link is made, rendered and queued
 * after the response, so that the response takes the same time for an address with an account
 * and one without.
 */
export async function requestPasswordReset(email: string, now = new Date()): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "locale", "status"])
    .where("email", "=", email)
    .executeTakeFirst();
  if (!user || user.status !== "active") return;
  // Later than the response: rendering the mail meanwhile would make this answer slower.
  runInBackground("password-reset", () => issuePasswordReset(user, now), RESET_MAIL_DELAY_MS);
}

/** A new link for the user; every older link of theirs stops working. */
export async function issuePasswordReset(
  user: { id: number; name: string; email: string; locale: string },
  now = new Date(),
): Promise<void> {
  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + RESET_LIFETIME_MINUTES * 60_000);
  const stamp = now.toISOString();
  const resetUrl = `${loadConfig().appUrl}/reset-password?token=${token}`;
  await db.transaction().execute(async (trx) => {
    // Over the address's cap on unsolicited mail nothing changes: the links it has keep working.
    const queued = await queueEmail(trx, {
      template: "password-reset",
      to: user.email,
      locale: user.locale,
      props: { name: user.name, resetUrl, expiresInMinutes: RESET_LIFETIME_MINUTES },
      idempotencyKey: `password-reset:${tokenHash}`,
      unsolicited: true,
    });
    if (queued === null) return;
    await expireOtherResets(trx, user.id, stamp);
    await trx
      .insertInto("password_resets")
      .values({
        user_id: user.id,
        token_hash: tokenHash,
        expires_at: expiresAt.toISOString(),
        used_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
  });
}

/** Marks every unused link of the user as used, so only the newest (or none) works. */
async function expireOtherResets(trx: Kysely<Database>, userId: number, stamp: string): Promise<void> {
  await trx
    .updateTable("password_resets")
    .set({ used_at: stamp, updated_at: stamp })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .execute();
}

async function findUsableReset(token: string, now: Date) {
  if (!/^[a-z0-9]{16,64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom("password_resets")
    .select(["id", "user_id", "expires_at", "used_at"])
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.used_at || new Date(row.expires_at) <= now) return undefined;
  return row;
}

/** The address of the account a usable link belongs to (for the password rules), or null. */
export async function resetTokenEmail(token: string, now = new Date()): Promise<string | null> {
  const reset = await findUsableReset(token, now);
  if (!reset) return null;
  const user = await db.selectFrom("users").select("email").where("id", "=", reset.user_id).executeTakeFirst();
  return user?.email ?? null;
}

export async function isResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
  return !!(await findUsableReset(token, now));
}

/** Sets the new password, uses up the token and ends every session of the user. */
export async function resetPassword(token: string, newPassword: string, now = new Date()): Promise<boolean> {
  const reset = await findUsableReset(token, now);
  if (!reset) return false;
  const passwordHash = await hashPassword(newPassword);
  const stamp = now.toISOString();
  const used = await db.transaction().execute(async (trx) => {
    // The guard on used_at makes the token single-use even if two requests race.
    const result = await trx
      .updateTable("password_resets")
      .set({ used_at: stamp, updated_at: stamp })
      .where("id", "=", reset.id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await expireOtherResets(trx, reset.user_id, stamp);
    await trx
      .updateTable("users")
      .set({ password_hash: passwordHash, updated_at: stamp })
      .where("id", "=", reset.user_id)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", reset.user_id).execute();
    return true;
  });
  return used;
}
