/**
 * Abuse checks for signing: the keyed IP hash, the blocklist (e-mail domains and IP addresses)
 * and the jurisdiction check.
 */
import crypto from "node:crypto";
import type { Executor } from "~db/schema";
import { loadConfig } from "~/config.server";
import { GMAIL_DOMAINS } from "~/lib/email-address";
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";

/** A keyed hash of the client's address (APP_SECRET): groups a wave of signatures, never the IP. */
export function hashIp(ip: string): string {
  return crypto.createHmac("sha256", loadConfig().appSecret).update(`ip:${ip}`).digest("hex").slice(0, 32);
}

function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

export async function isBlocked(executor: Executor, email: string, ip: string): Promise<boolean> {
  const domain = domainOf(email);
  const domains = GMAIL_DOMAINS.includes(domain) ? GMAIL_DOMAINS : [domain];
  // A blocked domain also blocks its subdomains (mail.spam.example blocked by spam.example).
  const parts = domain.split(".");
  for (let i = 1; i < parts.length - 1; i++) domains.push(parts.slice(i).join("."));
  const row = await executor
    .selectFrom("signature_blocklist")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "email_domain"), eb("value", "in", domains)]),
        eb.and([eb("kind", "=", "ip"), eb("value", "=", ip)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

let jurisdictionCodes: Promise<Set<string>> | undefined;
export async function jurisdictionExists(code: string): Promise<boolean> {
  jurisdictionCodes ??= listJurisdictions().then((rows) => new Set(rows.map((r) => r.code)));
  return (await jurisdictionCodes).has(code);
}
