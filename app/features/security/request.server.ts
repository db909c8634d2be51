import type { AppLoadContext } from "@remix-run/node";

/** The client's address as the server saw it (behind a proxy only when TRUST_PROXY is set). */
export function clientIp(context: AppLoadContext): string {
  return context.clientIp || "unknown";
}
