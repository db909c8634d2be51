import type { IncomingHttpHeaders } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type AnyHeaders = IncomingHttpHeaders | Headers;

function reader(headers: AnyHeaders) {
  return (name: string): string | null => {
    if (headers instanceof Headers) return headers.get(name);
    const value = headers[name];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
}

/**
 * True when a state-changing request comes from another site. Browsers send `Sec-Fetch-Site` and
 * `Origin` on every POST; a request that sends neither is not a browser form and is refused too.
 */
export function isCrossSiteRequest(method: string, headers: AnyHeaders, appUrl: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const get = reader(headers);
  const fetchSite = get("sec-fetch-site");
  if (fetchSite) return fetchSite !== "same-origin" && fetchSite !== "none";
  const origin = get("origin");
  if (!origin) return true;
  const host = get("host");
  try {
    const originUrl = new URL(origin);
    if (originUrl.origin === new URL(appUrl).origin) return false;
    return !host || originUrl.host !== host;
  } catch {
    return true;
  }
}

/**
 * Why the `Origin` of a write cannot be squared with the address it was sent to, or null. Remix
 * makes the same comparison (Origin's host against X-Forwarded-Host, else Host) before every
 * action and throws when it fails; asking first lets the server answer 403 instead of 500.
 */
export function originMismatch(headers: AnyHeaders): string | null {
  const get = reader(headers);
  const origin = get("origin");
  if (!origin) return null;
  // An opaque origin (sandboxed frames, some cross-site redirects) matches no host.
  if (origin === "null") return "opaque origin";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "malformed origin";
  }
  const forwarded = get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || get("host");
  if (!host) return "no host";
  return originHost === host ? null : "origin does not match host";
}
