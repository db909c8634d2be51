/**
 * Who may call the OSDI API. Public resources (petitions, events, advocacy campaigns) need no key;
 * personal data needs an `OSDI-API-Token` whose key has that resource (and `read_write` to write).
 * No key, an unknown or a revoked one: 401. A key without the resource, or read-only writing: 403.
 * Every request is rate limited (per key, or per address without one) and a key's use is counted.
 */
import { findActiveApiKeyByToken, keyAllows, recordApiKeyUse, type ApiKey } from "~/features/api-keys/keys.server";
import { halError } from "~/features/osdi/hal.server";
import { enforceRateLimit, type RateLimitName } from "~/features/security/rate-limit.server";
import type { ApiKeyResource } from "~/lib/vocabularies";

export const TOKEN_HEADER = "OSDI-API-Token";

async function limit(checks: Array<[RateLimitName, string]>): Promise<void> {
  try {
    await enforceRateLimit(checks);
  } catch (error) {
    if (error instanceof Response && error.status === 429) {
      throw halError(429, "rate_limited", "Too many requests: wait and try again.", undefined, {
        "Retry-After": error.headers.get("Retry-After") ?? "60",
      });
    }
    throw error;
  }
}

const unauthorised = (message: string) =>
  halError(401, "unauthorized", message, undefined, { "WWW-Authenticate": `${TOKEN_HEADER} realm="osdi"` });

/** The key a request names, or null when it names none; a token that is not an active key is a 401. */
async function keyOf(request: Request): Promise<ApiKey | null> {
  const token = request.headers.get(TOKEN_HEADER);
  if (token === null) return null;
  const key = token.length <= 200 ? await findActiveApiKeyByToken(token) : null;
  if (!key) throw unauthorised("The OSDI-API-Token is not a valid key, or the key was revoked.");
  return key;
}

/** A public resource: anyone, rate limited per key when one is given, else per address. */
export async function allowPublicRead(request: Request, ip: string): Promise<void> {
  const key = await keyOf(request);
  if (key) {
    await limit([["osdiPerKey", `key:${key.id}`]]);
    await recordApiKeyUse(key.id, false);
  } else {
    await limit([["osdiAnonymousPerIp", ip]]);
  }
}

/** A personal-data resource: a key that has it (and may write, for a write). Throws the refusal. */
export async function requireOsdiKey(request: Request, resource: ApiKeyResource, write = false): Promise<ApiKey> {
  const key = await keyOf(request);
  if (!key) throw unauthorised(`This resource needs an ${TOKEN_HEADER} header with an API key.`);
  await limit(
    write
      ? [
          ["osdiPerKey", `key:${key.id}`],
          ["osdiWritesPerKey", `key:${key.id}`],
        ]
      : [["osdiPerKey", `key:${key.id}`]],
  );
  if (!keyAllows(key, resource, false)) {
    throw halError(403, "forbidden", `This key may not use ${resource}.`);
  }
  if (write && !keyAllows(key, resource, true)) {
    throw halError(403, "forbidden", "This key may only read.");
  }
  await recordApiKeyUse(key.id, write);
  return key;
}
