/**
 * Where a webhook may go: an `https://` URL whose host is, or resolves only to, public unicast
 * addresses. Checked when an endpoint is registered and again before every delivery (a name can
 * resolve elsewhere later: DNS rebinding); the delivery then connects to the address checked here,
 * never to a second lookup of the name. The address classes come from ipaddr.js.
 *
 * `WEBHOOK_ALLOW_PRIVATE=true` (never in production) lifts the address and scheme rules, so tests
 * and a developer's machine can receive on 127.0.0.1 over plain http.
 */
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { loadConfig } from "~/config.server";

export type AddressRefusal = "invalid" | "scheme" | "private" | "unresolved";

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

export type UrlCheck = { ok: true; url: URL; addresses: CheckedAddress[] } | { ok: false; reason: AddressRefusal };

/** Resolves a host name to every address it has (A and AAAA). */
export type Resolver = (hostname: string) => Promise<CheckedAddress[]>;

export interface UrlCheckOptions {
  /** Defaults to the WEBHOOK_ALLOW_PRIVATE switch of the configuration. */
  allowPrivate?: boolean;
  /** Defaults to the system resolver. */
  resolve?: Resolver;
}

/** Blocks that ipaddr.js files under "unicast" but that are not the public Internet. */
const EXTRA_REFUSED: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]> = [
  ipaddr.parseCIDR("198.18.0.0/15"), // benchmarking (RFC 2544)
  ipaddr.parseCIDR("fec0::/10"), // the deprecated site-local block
  ipaddr.parseCIDR("100::/64"), // discard-only (RFC 6666)
];

/**
 * True for a public unicast address only: not loopback, unspecified (0.0.0.0, ::), private
 * (RFC 1918), link-local, carrier-grade NAT, unique-local, multicast, broadcast, documentation or
 * reserved blocks, and no IPv6 form that carries an IPv4 address (mapped, NAT64, 6to4, Teredo).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address) || net.isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.range() !== "unicast") return false;
  return !EXTRA_REFUSED.some(([block, bits]) => {
    if (parsed.kind() === "ipv4" && block.kind() === "ipv4")
      return (parsed as ipaddr.IPv4).match(block as ipaddr.IPv4, bits);
    if (parsed.kind() === "ipv6" && block.kind() === "ipv6")
      return (parsed as ipaddr.IPv6).match(block as ipaddr.IPv6, bits);
    return false;
  });
}

/** A lookup that takes longer than this counts as unresolved (a form must not hang on DNS). */
const LOOKUP_TIMEOUT_MS = 5_000;

const systemResolver: Resolver = async (hostname) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`lookup of ${hostname} timed out`)), LOOKUP_TIMEOUT_MS);
  });
  try {
    const found = await Promise.race([dns.promises.lookup(hostname, { all: true, verbatim: true }), timeout]);
    return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  } finally {
    clearTimeout(timer);
  }
};

/** Parses and checks a webhook URL; on success, the addresses its host has now, all allowed. */
export async function checkWebhookUrl(raw: string, options: UrlCheckOptions = {}): Promise<UrlCheck> {
  const allowPrivate = options.allowPrivate ?? loadConfig().webhookAllowPrivate;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (url.username || url.password || !url.hostname) return { ok: false, reason: "invalid" };
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) return { ok: false, reason: "scheme" };

  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: CheckedAddress[];
  if (net.isIP(host) !== 0) {
    addresses = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      return { ok: false, reason: "unresolved" };
    }
    if (addresses.length === 0) return { ok: false, reason: "unresolved" };
  }
  // Every address must pass: a name with one public and one private address is refused, since the
  // client could be sent to either.
  if (!allowPrivate && !addresses.every((entry) => isPublicAddress(entry.address))) {
    return { ok: false, reason: "private" };
  }
  return { ok: true, url, addresses };
}
