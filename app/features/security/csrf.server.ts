import type { IncomingHttpHeaders } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * True when a state-changing request comes from another site. Browsers send `Sec-Fetch-Site` and
 * `Origin` on every POST; a request that sends neither is not a browser form and is refused too.
 */
export function isCrossSiteRequest(method: string, headers: IncomingHttpHeaders | Headers, appUrl: string): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) : ((headers[name] as string | undefined) ?? null);
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
