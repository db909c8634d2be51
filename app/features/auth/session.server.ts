/**
 * Sessions as Lucia's author now recommends writing them: the cookie holds `<id>.<secret>`, the
 * database holds the id and only a SHA-256 hash of the secret, compared in constant time.
 *
 * Two limits (ASVS 5.0 V7.3): an idle expiry that slides forward while the session is used, and an
 * absolute lifetime counted from sign-in that no activity extends.
 */
import { createCookie } from "@remix-run/node";
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import type { User } from "~db/schema";
import { networkOf } from "~/features/auth/devices.server";
import { constantTimeEqualHex, randomToken, sha256Hex } from "~/features/auth/tokens.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Unused for this long, a session ends. */
export const SESSION_IDLE_MS = 7 * DAY;
/** However much it is used, a session ends this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/** The idle expiry and "last seen" are written at most this often per session. */
export const SESSION_TOUCH_MS = HOUR;
/** @deprecated the idle expiry; kept for callers that knew one lifetime. */
export const SESSION_LIFETIME_MS = SESSION_IDLE_MS;

/**
 * `__Host-` binds the cookie to this exact host over HTTPS (Secure, Path=/, no Domain); browsers
 * refuse it over plain HTTP, so development keeps the plain name.
 */
export const SESSION_COOKIE_NAME = loadConfig().production ? "__Host-hub_session" : "hub_session";

export const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  httpOnly: true,
  sameSite: "lax",
  secure: loadConfig().production,
  path: "/",
  maxAge: SESSION_IDLE_MS / 1000,
});

export interface SessionWithUser {
  sessionId: string;
  token: string;
  expiresAt: Date;
  /** True when this request pushed the expiry forward, so the cookie must be re-sent. */
  renewed: boolean;
  user: User;
  /** Whether the user has a confirmed second factor. */
  twoFactorEnabled: boolean;
}

export interface SessionClientInfo {
  userAgent?: string | null;
  ip?: string | null;
}

export async function createSession(
  userId: number,
  now = new Date(),
  client: SessionClientInfo = {},
): Promise<{ token: string; expiresAt: Date }> {
  const id = randomToken();
  const secret = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  const stamp = now.toISOString();
  await db
    .insertInto("sessions")
    .values({
      id,
      secret_hash: sha256Hex(secret),
      user_id: userId,
      expires_at: expiresAt.toISOString(),
      absolute_expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
      user_agent: client.userAgent ? client.userAgent.slice(0, 512) : null,
      network: client.ip ? networkOf(client.ip) : null,
      last_seen_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return { token: `${id}.${secret}`, expiresAt };
}

function absoluteEnd(row: { absolute_expires_at: string | null; created_at: string }): Date {
  return row.absolute_expires_at
    ? new Date(row.absolute_expires_at)
    : new Date(new Date(row.created_at).getTime() + SESSION_ABSOLUTE_MS);
}

/** Returns the session and its active user, or null; slides the idle expiry at most once an hour. */
export async function validateSessionToken(token: string, now = new Date()): Promise<SessionWithUser | null> {
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined || id.length > 64 || secret.length > 64) return null;
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .leftJoin("user_totp", "user_totp.user_id", "users.id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.secret_hash",
      "sessions.expires_at",
      "sessions.absolute_expires_at",
      "sessions.created_at as session_created_at",
      "sessions.last_seen_at as session_last_seen_at",
      "user_totp.confirmed_at as totp_confirmed_at",
    ])
    .where("sessions.id", "=", id)
    .executeTakeFirst();
  if (!row || !constantTimeEqualHex(sha256Hex(secret), row.secret_hash)) return null;
  let expiresAt = new Date(row.expires_at);
  const hardEnd = absoluteEnd({ absolute_expires_at: row.absolute_expires_at, created_at: row.session_created_at });
  if (expiresAt <= now || hardEnd <= now || row.status !== "active") {
    await invalidateSession(id);
    return null;
  }
  const lastSeen = new Date(row.session_last_seen_at ?? row.session_created_at);
  const renewed = now.getTime() - lastSeen.getTime() >= SESSION_TOUCH_MS;
  if (renewed) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, hardEnd.getTime()));
    await db
      .updateTable("sessions")
      .set({ expires_at: expiresAt.toISOString(), last_seen_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }
  const {
    session_id,
    secret_hash: _hash,
    expires_at: _exp,
    absolute_expires_at: _abs,
    session_created_at: _created,
    session_last_seen_at: _seen,
    totp_confirmed_at,
    ...user
  } = row;
  return { sessionId: session_id, token, expiresAt, renewed, user, twoFactorEnabled: !!totp_confirmed_at };
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

export interface ActiveSession {
  id: string;
  userAgent: string | null;
  network: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

/** The user's sessions that have not ended, most recently used first. */
export async function listActiveSessions(
  userId: number,
  currentSessionId: string,
  now = new Date(),
): Promise<ActiveSession[]> {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "user_agent", "network", "created_at", "last_seen_at", "expires_at", "absolute_expires_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now.toISOString())
    .execute();
  return rows
    .filter((row) => absoluteEnd(row) > now)
    .map((row) => ({
      id: row.id,
      userAgent: row.user_agent,
      network: row.network,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at ?? row.created_at,
      current: row.id === currentSessionId,
    }))
    .sort((a, b) => (a.current ? -1 : b.current ? 1 : b.lastSeenAt.localeCompare(a.lastSeenAt)));
}

/** Ends one of the user's own sessions; a session id of another user changes nothing. */
export async function endUserSession(userId: number, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
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
