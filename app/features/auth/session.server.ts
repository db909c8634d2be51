/**
 * Sessions as Lucia's author now recommends writing them: the cookie holds `<id>.<secret>`, the
 * database holds the id and only a SHA-256 hash of the secret, compared in constant time; expiry
 * slides forward while the session is used.
 */
import { createCookie } from "@remix-run/node";
import { db } from "../../../db/connection";
import { loadConfig } from "../../config.server";
import type { User } from "../../../db/schema";
import { constantTimeEqualHex, randomToken, sha256Hex } from "./tokens.server";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
const RENEW_WHEN_LEFT_MS = 15 * DAY;

export const sessionCookie = createCookie("hub_session", {
  httpOnly: true,
  sameSite: "lax",
  secure: loadConfig().production,
  path: "/",
  maxAge: SESSION_LIFETIME_MS / 1000,
});

export interface SessionWithUser {
  sessionId: string;
  token: string;
  expiresAt: Date;
  /** True when this request pushed the expiry forward, so the cookie must be re-sent. */
  renewed: boolean;
  user: User;
}

export async function createSession(userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db
    .insertInto("sessions")
    .values({
      id,
      secret_hash: sha256Hex(secret),
      user_id: userId,
      expires_at: expiresAt.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return { token: `${id}.${secret}`, expiresAt };
}

/** Returns the session and its active user, or null; renews the expiry when half of it is gone. */
export async function validateSessionToken(token: string, now = new Date()): Promise<SessionWithUser | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select(["sessions.id as session_id", "sessions.secret_hash", "sessions.expires_at"])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || !constantTimeEqualHex(sha256Hex(secret), row.secret_hash)) return null;
  let expiresAt = new Date(row.expires_at);
  if (expiresAt <= now || row.status !== "active") {
    await invalidateSession(id);
    return null;
  }
  const renewed = expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS;
  if (renewed) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await db
      .updateTable("sessions")
      .set({ expires_at: expiresAt.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const { session_id, secret_hash: _hash, expires_at: _exp, ...user } = row;
  return { sessionId: session_id, token, expiresAt, renewed, user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Ends every session of a user, except one to keep (the one that changed the password). */
export async function invalidateUserSessions(userId: number, keepSessionId?: string): Promise<number> {
  let query = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (keepSessionId) query = query.where("id", "!=", keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export function commitSessionCookie(token: string, expiresAt: Date): Promise<string> {
  return sessionCookie.serialize(token, { expires: expiresAt, maxAge: undefined });
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { maxAge: 0 });
}
