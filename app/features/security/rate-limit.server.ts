/**
 * Per-IP and per-account rate limits. `RATE_LIMIT_STORE` chooses where the counters live:
 * `memory` (default) in this process, right for the one instance that runs on SQLite; `database`
 * in the `rate_limits` table on PostgreSQL, shared by every app instance behind that database
 * (docs/decisions/0004-rate-limits-in-process-memory.md).
 */
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import crypto from "node:crypto";
import { loadConfig } from "~/config.server";
import { getDatabase } from "~db/connection";

interface Rule {
  points: number;
  durationSeconds: number;
}

export const RATE_LIMITS = {
  // Generous per address: an office or a campus shares one.
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
  // Failed sign-ins to one account from one address: guessing from there stops, the owner elsewhere
  // is not affected (login-throttle.server.ts).
  loginPerAccountAddress: { points: 10, durationSeconds: 15 * 60 },
  // Attempts on one account from addresses that never signed in to it. Never refuses by itself:
  // past a few, each failure makes unknown addresses wait longer (loginUnknownDelay).
  loginPerAccount: { points: 100_000, durationSeconds: 15 * 60 },
  loginUnknownDelay: { points: 1, durationSeconds: 60 },
  // Second-factor codes per user; six digits need far more than this to guess.
  twoFactorPerUser: { points: 10, durationSeconds: 15 * 60 },
  resetPerIp: { points: 10, durationSeconds: 60 * 60 },
  resetPerAccount: { points: 3, durationSeconds: 60 * 60 },
  publicFormBurst: { points: 10, durationSeconds: 60 },
  publicFormSustained: { points: 100, durationSeconds: 60 * 60 },
  accountWrites: { points: 120, durationSeconds: 60 },
  // The OSDI API: per key (a sync job pages through thousands of records), its writes apart (each
  // one may mail a person), and anonymous reads of the public resources per address.
  osdiPerKey: { points: 600, durationSeconds: 60 },
  osdiWritesPerKey: { points: 60, durationSeconds: 60 },
  osdiAnonymousPerIp: { points: 120, durationSeconds: 60 },
} satisfies Record<string, Rule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

const globalForLimits = globalThis as unknown as { __hubRateLimiters?: Map<RateLimitName, RateLimiterAbstract> };
const limiters = (globalForLimits.__hubRateLimiters ??= new Map());

/**
 * `RATE_LIMIT_MULTIPLIER` (default 1) multiplies every limit's points, read when a limiter is first
 * used. Load tests (bench/sign.ts) set it high to lift the limits and say so; never in production.
 */
export function rateLimitMultiplier(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.RATE_LIMIT_MULTIPLIER ?? 1);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

export type RateLimitStore = "memory" | "database";

/** `RATE_LIMIT_STORE`: `memory` (default) or `database`; anything else is a configuration error. */
export function rateLimitStore(env: NodeJS.ProcessEnv = process.env): RateLimitStore {
  const value = (env.RATE_LIMIT_STORE ?? "memory").trim().toLowerCase() || "memory";
  if (value !== "memory" && value !== "database") {
    throw new Error(`RATE_LIMIT_STORE must be "memory" or "database", not ${JSON.stringify(env.RATE_LIMIT_STORE)}`);
  }
  return value;
}

/**
 * The counters of every limit share one table: rate-limiter-flexible prefixes each key with the
 * limit's name. The table comes from migration 0008; the library's timer deletes rows expired for
 * an hour. On SQLite the database store is not used: one instance is all SQLite serves, and the
 * library would write through the app's single connection outside its transactions.
 */
function createLimiter(name: RateLimitName): RateLimiterAbstract {
  const rule = RATE_LIMITS[name];
  const options = {
    keyPrefix: name,
    points: Math.floor(rule.points * rateLimitMultiplier()),
    duration: rule.durationSeconds,
  };
  const pool = rateLimitStore() === "database" ? getDatabase().pgPool : undefined;
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
  });
}

function limiter(name: RateLimitName): RateLimiterAbstract {
  let found = limiters.get(name);
  if (!found) {
    found = createLimiter(name);
    limiters.set(name, found);
  }
  return found;
}

export function tooManyRequests(retryAfterSeconds: number): Response {
  return new Response("Too Many Requests", {
    status: 429,
    statusText: "Too Many Requests",
    headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

/** Keys are keyed hashes (APP_SECRET) so that no address or e-mail is stored in the clear. */
function keyFor(key: string): string {
  return crypto.createHmac("sha256", loadConfig().appSecret).update(key).digest("base64url");
}

export async function enforceRateLimit(checks: Array<[RateLimitName, string]>): Promise<void> {
  for (const [name, key] of checks) {
    try {
      await limiter(name).consume(keyFor(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooManyRequests(error.msBeforeNext / 1000);
      throw error;
    }
  }
}

export async function resetRateLimit(name: RateLimitName, key: string): Promise<void> {
  await limiter(name).delete(keyFor(key));
}

export interface RateLimitState {
  consumedPoints: number;
  msBeforeNext: number;
}

/** Counts one point without refusing: the caller decides from the count. */
export async function countRateLimit(name: RateLimitName, key: string): Promise<RateLimitState> {
  try {
    const res = await limiter(name).penalty(keyFor(key), 1);
    return { consumedPoints: res.consumedPoints, msBeforeNext: res.msBeforeNext };
  } catch (error) {
    if (error instanceof RateLimiterRes)
      return { consumedPoints: error.consumedPoints, msBeforeNext: error.msBeforeNext };
    throw error;
  }
}

/** The points used so far in the current window (0 when none). */
export async function peekRateLimit(name: RateLimitName, key: string): Promise<RateLimitState> {
  const res = await limiter(name).get(keyFor(key));
  return { consumedPoints: res?.consumedPoints ?? 0, msBeforeNext: res?.msBeforeNext ?? 0 };
}

/** Refuses (429) when the limit's points are used up, without counting this request. */
export async function checkRateLimit(name: RateLimitName, key: string): Promise<void> {
  const state = await peekRateLimit(name, key);
  if (state.consumedPoints >= limiter(name).points) throw tooManyRequests(state.msBeforeNext / 1000);
}

/** Refuses the key for the next `seconds` (checkRateLimit answers 429 until then). */
export async function blockRateLimit(name: RateLimitName, key: string, seconds: number): Promise<void> {
  await limiter(name).block(keyFor(key), seconds);
}
