import type { Env } from "~db/dialect";

/** Reads configuration from the environment once, with the defaults documented in the README. */
export const DEFAULT_DEMO_PASSWORD = "demo-password-change-me";
export const DEFAULT_APP_SECRET = "dev-secret-do-not-use-in-production";

export interface Config {
  production: boolean;
  port: number;
  appUrl: string;
  appSecret: string;
  demoPassword: string;
  mailFrom: string;
  resendApiKey: string | undefined;
  trustProxy: boolean;
  outboxIntervalMs: number;
  /** How long anonymous public pages stay in the micro-cache; 0 turns it off. */
  pageCacheTtlMs: number;
  /** How often a read compares a published report with the live figures (see decision 0029). */
  reportRevisionCheckMs: number;
  /** The most memory the micro-cache's pages may take. */
  pageCacheMaxBytes: number;
  /** `disabled` lets a production start without an e-mail provider: mail then stays in the outbox. */
  mailDelivery: "provider" | "disabled";
  /** Resend's API address; tests and benches point it at a local Resend-compatible server. */
  resendBaseUrl: string | undefined;
  /** The Svix signing secret of the Resend webhook (`whsec_...`); without it the webhook answers 401. */
  resendWebhookSecret: string | undefined;
  /** Resend's request rate limit; the worker paces its batch requests to stay under it. */
  resendRequestsPerSecond: number;
  /** Days after delivery when a campaign letter's sender e-mail and locality are scrubbed. */
  letterScrubDays: number;
  /** The From address of letters to lawmakers unless a campaign sets its own. */
  campaignFrom: string;
  /**
   * `STAFF_TWO_FACTOR`: `required` (default in production) makes staff and admins sign in with a
   * one-time code; `off` (default elsewhere, so the demo accounts and tests sign in with a password)
   * leaves it optional for them as for everyone.
   */
  staffTwoFactor: "required" | "off";
  /**
   * `WEBHOOK_ALLOW_PRIVATE=true` (tests and local development only; never in production): webhook
   * endpoints may be `http://` and on loopback or private addresses, so a local receiver works.
   */
  webhookAllowPrivate: boolean;
}

export function loadConfig(env: Env = process.env): Config {
  // APP_ENV says what kind of deployment this is; NODE_ENV only picks optimised library builds.
  const production = (env.APP_ENV ?? env.NODE_ENV) === "production";
  const port = Number(env.PORT ?? 3000);
  return {
    production,
    port,
    appUrl: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, ""),
    appSecret: env.APP_SECRET ?? DEFAULT_APP_SECRET,
    demoPassword: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD,
    mailFrom: env.MAIL_FROM ?? "Encryption Advocacy Hub <hub@example.org>",
    resendApiKey: env.RESEND_API_KEY || undefined,
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    outboxIntervalMs: Number(env.OUTBOX_INTERVAL_MS ?? 2000),
    pageCacheTtlMs: Number(env.PAGE_CACHE_TTL_MS ?? 5000),
    reportRevisionCheckMs: Number(env.REPORT_REVISION_CHECK_MS ?? 600_000),
    pageCacheMaxBytes: Number(env.PAGE_CACHE_MAX_BYTES ?? 64 * 1024 * 1024),
    mailDelivery: env.MAIL_DELIVERY === "disabled" ? "disabled" : "provider",
    resendBaseUrl: env.RESEND_BASE_URL || undefined,
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET || undefined,
    resendRequestsPerSecond: Number(env.RESEND_REQUESTS_PER_SECOND ?? 2),
    letterScrubDays: Number(env.LETTER_SCRUB_DAYS ?? 90),
    campaignFrom: env.CAMPAIGN_FROM ?? "Letters to lawmakers <letters@example.org>",
    staffTwoFactor: staffTwoFactor(env.STAFF_TWO_FACTOR, production),
    webhookAllowPrivate: !production && env.WEBHOOK_ALLOW_PRIVATE === "true",
  };
}

function staffTwoFactor(value: string | undefined, production: boolean): "required" | "off" {
  const normalised = (value ?? "").trim().toLowerCase();
  if (normalised === "required" || normalised === "off") return normalised;
  if (normalised) throw new Error(`STAFF_TWO_FACTOR must be "required" or "off", not ${JSON.stringify(value)}`);
  return production ? "required" : "off";
}

/** Problems that make a production start unsafe; empty when the configuration is fine. */
export function productionProblems(config: Config, env: Env = process.env): string[] {
  if (!config.production) return [];
  const problems: string[] = [];
  if (config.appSecret === DEFAULT_APP_SECRET || config.appSecret.length < 32)
    problems.push("APP_SECRET must be set to a random value of at least 32 characters.");
  if (!env.APP_URL) problems.push("APP_URL must be set to the public https:// address of the site.");
  if (!config.resendApiKey && config.mailDelivery !== "disabled")
    problems.push(
      "RESEND_API_KEY must be set, or MAIL_DELIVERY=disabled to run without sending any e-mail (confirmations, resets and letters then wait in the outbox).",
    );
  if (env.WEBHOOK_ALLOW_PRIVATE)
    problems.push(
      "WEBHOOK_ALLOW_PRIVATE must not be set in production: webhooks go to public https:// addresses only.",
    );
  if (env.DEMO_PASSWORD)
    problems.push("DEMO_PASSWORD must not be set in production: demo accounts are never created there.");
  return problems;
}
