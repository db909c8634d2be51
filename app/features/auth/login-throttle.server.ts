/**
 * Slows password guessing without letting strangers lock the owner out.
 *
 * - Per client address (all accounts): RATE_LIMITS.loginPerIp, as before.
 * - Per account and address: 10 failures in 15 minutes, then that address is refused for the
 *   account. Guessing from one place stops; the owner elsewhere signs in as usual.
 * - Per account, from addresses that have never signed in to it: the first ten failures in 15
 *   minutes are free; after that each one makes every unknown address wait (2, 4, 8 ... at most 60 seconds)
 *   before the next try. That is slow for a botnet and a short wait for the owner on a new device.
 *   Addresses the owner has signed in from (kept as HMACs, never the address) are never delayed.
 * - Past the same number of failures the owner gets an e-mail, at most one per ALERT_INTERVAL.
 */
import crypto from "node:crypto";
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { queueEmail } from "~/features/email/outbox.server";
import {
  blockRateLimit,
  checkRateLimit,
  countRateLimit,
  enforceRateLimit,
  resetRateLimit,
} from "~/features/security/rate-limit.server";

/** Attempts on an account from unknown addresses in 15 minutes before they are delayed. */
export const FREE_UNKNOWN_ATTEMPTS = 10;
export const MAX_UNKNOWN_DELAY_SECONDS = 60;
/** Failures from unknown addresses in 15 minutes that make the owner hear about it. */
export const ALERT_THRESHOLD = 10;
export const ALERT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function addressHash(ip: string): string {
  return crypto.createHmac("sha256", loadConfig().appSecret).update(`known-address:${ip}`).digest("base64url");
}

async function userIdFor(email: string): Promise<number | undefined> {
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  return row?.id;
}

export async function isKnownAddress(userId: number, ip: string): Promise<boolean> {
  const row = await db
    .selectFrom("user_known_addresses")
    .select("id")
    .where("user_id", "=", userId)
    .where("address_hash", "=", addressHash(ip))
    .executeTakeFirst();
  return !!row;
}

/** Remembers that the user completed a sign-in from this address. */
export async function rememberAddress(userId: number, ip: string, now = new Date()): Promise<void> {
  const stamp = now.toISOString();
  await db
    .insertInto("user_known_addresses")
    .values({
      user_id: userId,
      address_hash: addressHash(ip),
      last_seen_at: stamp,
      created_at: stamp,
      updated_at: stamp,
    })
    .onConflict((oc) => oc.columns(["user_id", "address_hash"]).doUpdateSet({ last_seen_at: stamp, updated_at: stamp }))
    .execute();
}

export interface LoginAttempt {
  email: string;
  ip: string;
  known: boolean;
}

/**
 * Called before the password is checked: counts the attempt and answers 429 (with Retry-After)
 * when this address must wait. Returns what `recordLoginFailure` needs.
 */
export async function beginLoginAttempt(email: string, ip: string): Promise<LoginAttempt> {
  await enforceRateLimit([["loginPerIp", ip]]);
  const userId = await userIdFor(email);
  const known = userId !== undefined && (await isKnownAddress(userId, ip));
  await checkRateLimit("loginPerAccountAddress", `${email}|${ip}`);
  if (!known) {
    try {
      await checkRateLimit("loginUnknownDelay", email);
    } catch (refused) {
      // An attempt turned away counts like a failure: it keeps the account's count of strangers'
      // attempts honest however fast they come.
      await countRateLimit("loginPerAccount", email);
      throw refused;
    }
  }
  return { email, ip, known };
}

export async function recordLoginFailure(attempt: LoginAttempt): Promise<void> {
  await countRateLimit("loginPerAccountAddress", `${attempt.email}|${attempt.ip}`);
  if (attempt.known) return;
  const { consumedPoints } = await countRateLimit("loginPerAccount", attempt.email);
  if (consumedPoints >= FREE_UNKNOWN_ATTEMPTS) {
    const delay = Math.min(2 ** (consumedPoints - FREE_UNKNOWN_ATTEMPTS + 1), MAX_UNKNOWN_DELAY_SECONDS);
    await blockRateLimit("loginUnknownDelay", attempt.email, delay);
  }
  if (consumedPoints >= ALERT_THRESHOLD) await alertOwner(attempt.email);
}

export async function recordLoginSuccess(attempt: LoginAttempt): Promise<void> {
  await resetRateLimit("loginPerAccountAddress", `${attempt.email}|${attempt.ip}`);
}

/** Queues the "someone is trying your password" mail unless one went out within ALERT_INTERVAL. */
export async function alertOwner(email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - ALERT_INTERVAL_MS).toISOString();
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "name", "email", "locale", "status"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (!user || user.status !== "active") return false;
    // The guard makes two instances (or two requests) agree on who sends the one mail.
    const claimed = await trx
      .updateTable("users")
      .set({ login_alert_sent_at: stamp })
      .where("id", "=", user.id)
      .where((eb) => eb.or([eb("login_alert_sent_at", "is", null), eb("login_alert_sent_at", "<", since)]))
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    const appUrl = loadConfig().appUrl;
    await queueEmail(trx, {
      template: "failed-sign-ins",
      to: user.email,
      locale: user.locale,
      props: { name: user.name, resetUrl: `${appUrl}/forgot-password`, accountUrl: `${appUrl}/account` },
      idempotencyKey: `failed-sign-ins:${user.id}:${stamp}`,
    });
    return true;
  });
}
