/**
 * Per-IP and per-account rate limits. Counters live in this process's memory, which is right for
 * one app instance; several instances need a shared store (see docs/decisions).
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import crypto from "node:crypto";
import { loadConfig } from "../../config.server";

interface Rule {
  points: number;
  durationSeconds: number;
}

export const RATE_LIMITS = {
  // Generous per address: an office or a campus shares one; the per-account limit stops guessing.
  loginPerIp: { points: 100, durationSeconds: 15 * 60 },
  loginPerAccount: { points: 10, durationSeconds: 15 * 60 },
  resetPerIp: { points: 10, durationSeconds: 60 * 60 },
  resetPerAccount: { points: 3, durationSeconds: 60 * 60 },
  publicFormBurst: { points: 10, durationSeconds: 60 },
  publicFormSustained: { points: 100, durationSeconds: 60 * 60 },
  accountWrites: { points: 120, durationSeconds: 60 },
} satisfies Record<string, Rule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

const globalForLimits = globalThis as unknown as { __hubRateLimiters?: Map<RateLimitName, RateLimiterMemory> };
const limiters = (globalForLimits.__hubRateLimiters ??= new Map());

/**
 * `RATE_LIMIT_MULTIPLIER` (default 1) multiplies every limit's points, read when a limiter is first
 * used. Load tests (bench/sign.ts) set it high to lift the limits and say so; never in production.
 */
export function rateLimitMultiplier(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.RATE_LIMIT_MULTIPLIER ?? 1);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

function limiter(name: RateLimitName): RateLimiterMemory {
  let found = limiters.get(name);
  if (!found) {
    const rule = RATE_LIMITS[name];
    const points = Math.floor(rule.points * rateLimitMultiplier());
    found = new RateLimiterMemory({ keyPrefix: name, points, duration: rule.durationSeconds });
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

/** Keys are keyed hashes (APP_SECRET) so that no address or e-mail sits in memory in the clear. */
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
