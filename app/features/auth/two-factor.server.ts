/**
 * A second factor: time-based one-time passwords (RFC 6238, 30-second steps, six digits, SHA-1 as
 * authenticator apps expect) through the `otpauth` package, and single-use recovery codes.
 *
 * The secret is stored encrypted (AES-256-GCM, key derived from APP_SECRET); the last accepted time
 * step is stored so that a code cannot be used twice; recovery codes are stored as SHA-256 hashes
 * (each has 50 random bits) and shown once.
 */
import crypto from "node:crypto";
import { createCookie } from "@remix-run/node";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { db } from "~db/connection";
import type { Role } from "~db/schema";
import { loadConfig } from "~/config.server";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the step before and after now are accepted too (clock drift of up to 30 s). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Encryption Advocacy Hub";

const TWO_FACTOR_ROLES: readonly Role[] = ["admin", "staff"];

/** Whether this user may not sign in without a second factor (STAFF_TWO_FACTOR). */
export function twoFactorRequired(user: { role: Role }): boolean {
  return TWO_FACTOR_ROLES.includes(user.role) && loadConfig().staffTwoFactor === "required";
}

function encryptionKey(): Buffer {
  return crypto.createHash("sha256").update(`totp-secret-key:${loadConfig().appSecret}`).digest();
}

function encryptSecret(base32: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(base32, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".");
}

function decryptSecret(stored: string): string {
  const [iv, tag, body] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = crypto.createDecipheriv("aes-256-gcm", encryptionKey(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

function totpFor(base32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(base32),
  });
}

function currentStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The time step a code belongs to, or null when it matches none within the window. */
function matchingStep(base32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32, "x").validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : currentStep(now) + delta;
}

export async function hasTwoFactor(userId: number): Promise<boolean> {
  const row = await db.selectFrom("user_totp").select("confirmed_at").where("user_id", "=", userId).executeTakeFirst();
  return !!row?.confirmed_at;
}

export interface Enrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  uri: string;
  /** The otpauth:// URI as an SVG QR code (attributes only, no style or script: fits the CSP). */
  qrSvg: string;
}

/**
 * The secret waiting for its first code: created on first call, the same one on reloads, so the
 * code the app shows keeps matching. Null when two-factor sign-in is already on.
 */
export async function startEnrolment(user: { id: number; email: string }, now = new Date()): Promise<Enrolment | null> {
  const existing = await db
    .selectFrom("user_totp")
    .select(["secret_encrypted", "confirmed_at"])
    .where("user_id", "=", user.id)
    .executeTakeFirst();
  if (existing?.confirmed_at) return null;
  let secret: string;
  if (existing) {
    secret = decryptSecret(existing.secret_encrypted);
  } else {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    const stamp = now.toISOString();
    await db
      .insertInto("user_totp")
      .values({
        user_id: user.id,
        secret_encrypted: encryptSecret(secret),
        confirmed_at: null,
        last_used_step: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    // Two first visits at once: keep whichever secret was stored first.
    const stored = await db
      .selectFrom("user_totp")
      .select("secret_encrypted")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    secret = decryptSecret(stored.secret_encrypted);
  }
  const uri = totpFor(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

/** 24 characters, 120 bits: enough that a plain SHA-256 of one cannot be searched (ASVS 6.5.2). */
const RECOVERY_CODE_LENGTH = 24;

function newRecoveryCode(): string {
  return (randomToken(RECOVERY_CODE_LENGTH).match(/.{6}/g) ?? []).join("-");
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Turns two-factor sign-in on when the code matches the waiting secret; returns the recovery
 * codes to show once, or null when the code is wrong.
 */
export async function confirmEnrolment(userId: number, code: string, now = new Date()): Promise<string[] | null> {
  const row = await db
    .selectFrom("user_totp")
    .select(["secret_encrypted", "confirmed_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row || row.confirmed_at) return null;
  const step = matchingStep(decryptSecret(row.secret_encrypted), code, now);
  if (step === null) return null;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const stamp = now.toISOString();
  const confirmed = await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("user_totp")
      .set({ confirmed_at: stamp, last_used_step: step, updated_at: stamp })
      .where("user_id", "=", userId)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("user_recovery_codes")
      .values(
        codes.map((c) => ({
          user_id: userId,
          code_hash: sha256Hex(normaliseRecoveryCode(c)),
          used_at: null,
          created_at: stamp,
          updated_at: stamp,
        })),
      )
      .execute();
    return true;
  });
  return confirmed ? codes : null;
}

/** Checks a one-time code, refusing one of a step already used; updates the last used step. */
export async function verifyTotp(userId: number, code: string, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select(["secret_encrypted", "confirmed_at", "last_used_step"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row?.confirmed_at) return false;
  const step = matchingStep(decryptSecret(row.secret_encrypted), code, now);
  if (step === null) return false;
  // Only a later step than the last accepted one: the same code twice, or an older one, is refused,
  // also when two requests race.
  const result = await db
    .updateTable("user_totp")
    .set({ last_used_step: step, updated_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses up a recovery code; false when it is unknown or already used. */
export async function redeemRecoveryCode(userId: number, code: string, now = new Date()): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== RECOVERY_CODE_LENGTH) return false;
  const stamp = now.toISOString();
  const result = await db
    .updateTable("user_recovery_codes")
    .set({ used_at: stamp, updated_at: stamp })
    .where("user_id", "=", userId)
    .where("code_hash", "=", sha256Hex(normalised))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A six-digit code from the app, or else one of the recovery codes. */
export async function verifySecondFactor(userId: number, code: string, now = new Date()): Promise<boolean> {
  const trimmed = code.trim();
  if (/^\d[\d\s]*$/.test(trimmed)) return verifyTotp(userId, trimmed, now);
  return redeemRecoveryCode(userId, trimmed, now);
}

/** Turns two-factor sign-in off after a current code; false when the code is not right. */
export async function disableTwoFactor(userId: number, code: string, now = new Date()): Promise<boolean> {
  if (!(await verifyTotp(userId, code, now))) return false;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
    await trx.deleteFrom("user_totp").where("user_id", "=", userId).execute();
  });
  return true;
}

export async function remainingRecoveryCodes(userId: number): Promise<number> {
  const row = await db
    .selectFrom("user_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// The half-way state between the password and the second factor: a signed cookie naming the user,
// valid ten minutes, bound to the password hash (a password change ends it). No session exists yet.
export const PENDING_SIGN_IN_MINUTES = 10;

const pendingCookie = createCookie(loadConfig().production ? "__Host-hub_pending" : "hub_pending", {
  httpOnly: true,
  sameSite: "lax",
  secure: loadConfig().production,
  path: "/",
  maxAge: PENDING_SIGN_IN_MINUTES * 60,
  secrets: [loadConfig().appSecret],
});

export type PendingPurpose = "verify" | "enrol";

export interface PendingSignIn {
  userId: number;
  email: string;
  purpose: PendingPurpose;
  redirectTo: string;
}

function passwordFingerprint(passwordHash: string | null): string {
  return sha256Hex(`pending:${passwordHash ?? ""}`).slice(0, 16);
}

export function commitPendingSignIn(
  user: { id: number; password_hash: string | null },
  purpose: PendingPurpose,
  redirectTo: string,
  now = new Date(),
): Promise<string> {
  return pendingCookie.serialize({
    u: user.id,
    p: purpose,
    r: redirectTo,
    t: now.getTime(),
    h: passwordFingerprint(user.password_hash),
  });
}

export function clearPendingSignIn(): Promise<string> {
  return pendingCookie.serialize("", { maxAge: 0 });
}

/** The pending sign-in of this browser, or null if none, expired, tampered with or stale. */
export async function readPendingSignIn(request: Request, now = new Date()): Promise<PendingSignIn | null> {
  const value: unknown = await pendingCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { u, p, r, t, h } = value as Record<string, unknown>;
  if (typeof u !== "number" || (p !== "verify" && p !== "enrol") || typeof r !== "string" || typeof t !== "number")
    return null;
  if (now.getTime() - t > PENDING_SIGN_IN_MINUTES * 60_000 || t > now.getTime() + 60_000) return null;
  const user = await db
    .selectFrom("users")
    .select(["email", "password_hash", "status"])
    .where("id", "=", u)
    .executeTakeFirst();
  if (!user || user.status !== "active" || passwordFingerprint(user.password_hash) !== h) return null;
  return { userId: u, email: user.email, purpose: p, redirectTo: r };
}
