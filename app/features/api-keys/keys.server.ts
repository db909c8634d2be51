/**
 * API keys for the OSDI API. A token is `hub_<prefix>_<secret>`: the prefix (public, unique) finds
 * the row, the SHA-256 of the whole token is compared in constant time. The plaintext is returned
 * once, by createApiKey, and never stored. Creation and revocation are audited; uses are counted
 * per key and day in `api_key_usage` (docs/decisions: API keys and the OSDI API).
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { constantTimeEqualHex, randomToken, sha256Hex } from "~/features/auth/tokens.server";
import { recordAudit } from "~/features/security/audit.server";
import { API_KEY_RESOURCES, type ApiKeyAccess, type ApiKeyResource } from "~/lib/vocabularies";

export const TOKEN_START = "hub_";
const PREFIX_LENGTH = 8;
const SECRET_LENGTH = 40; // 200 bits

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  access: ApiKeyAccess;
  resources: ApiKeyResource[];
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewApiKey {
  name: string;
  access: ApiKeyAccess;
  resources: ApiKeyResource[];
}

function parseResources(value: string): ApiKeyResource[] {
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return API_KEY_RESOURCES.filter((resource) => parsed.includes(resource));
  } catch {
    return [];
  }
}

const keyColumns = [
  "api_keys.id",
  "api_keys.name",
  "api_keys.prefix",
  "api_keys.access",
  "api_keys.resources",
  "api_keys.created_by",
  "api_keys.created_at",
  "api_keys.revoked_at",
  "api_keys.last_used_at",
  "users.name as created_by_name",
] as const;

interface KeyRow {
  id: number;
  name: string;
  prefix: string;
  access: ApiKeyAccess;
  resources: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
  created_by_name: string | null;
}

function toApiKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    access: row.access,
    resources: parseResources(row.resources),
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** Creates a key and returns it with its token, the only time the token is ever available. */
export async function createApiKey(actor: User, input: NewApiKey): Promise<{ key: ApiKey; token: string }> {
  const prefix = TOKEN_START + randomToken(PREFIX_LENGTH);
  const token = `${prefix}_${randomToken(SECRET_LENGTH)}`;
  const now = new Date().toISOString();
  const resources = API_KEY_RESOURCES.filter((resource) => input.resources.includes(resource));
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_keys")
      .values({
        name: input.name,
        prefix,
        token_hash: sha256Hex(token),
        access: input.access,
        resources: JSON.stringify(resources),
        created_by: actor.id,
        revoked_by: null,
        revoked_at: null,
        last_used_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "api_key.create",
      entityType: "api_key",
      entityId: row.id,
      after: { name: input.name, prefix, access: input.access, resources },
    });
    return row.id;
  });
  const key = await getApiKey(id);
  if (!key) throw new Error("The new API key could not be read back");
  return { key, token };
}

export async function listApiKeys(): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.created_by")
    .select(keyColumns)
    .orderBy("api_keys.id", "desc")
    .execute();
  // Active keys first, then revoked ones, newest first within each.
  return rows.map(toApiKey).sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.id - a.id);
}

export async function getApiKey(id: number): Promise<ApiKey | null> {
  const row = await db
    .selectFrom("api_keys")
    .leftJoin("users", "users.id", "api_keys.created_by")
    .select(keyColumns)
    .where("api_keys.id", "=", id)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** Revokes a key (idempotent: a revoked key stays revoked with its first date). False if unknown. */
export async function revokeApiKey(actor: User, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("api_keys")
      .select(["id", "name", "prefix", "revoked_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!before) return false;
    if (before.revoked_at) return true;
    const now = new Date().toISOString();
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: now, revoked_by: actor.id, updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: id,
      before: { name: before.name, prefix: before.prefix, revoked_at: null },
      after: { revoked_at: now },
    });
    return true;
  });
}

/** The prefix of a well-formed token, or null. */
function tokenPrefix(token: string): string | null {
  const match = /^(hub_[a-z2-9]{8})_[a-z2-9]{40}$/.exec(token);
  return match ? match[1]! : null;
}

/**
 * The active (not revoked) key a token belongs to, or null. The row is found by the token's public
 * prefix; the secret part is checked by comparing SHA-256 digests in constant time.
 */
export async function findActiveApiKeyByToken(token: string): Promise<ApiKey | null> {
  const prefix = tokenPrefix(token.trim());
  const digest = sha256Hex(token.trim());
  const row = prefix
    ? await db
        .selectFrom("api_keys")
        .leftJoin("users", "users.id", "api_keys.created_by")
        .select([...keyColumns, "api_keys.token_hash"])
        .where("api_keys.prefix", "=", prefix)
        .executeTakeFirst()
    : undefined;
  // Compare against something of the same length even when no row matched.
  const matches = constantTimeEqualHex(row?.token_hash ?? sha256Hex(""), digest) && !!row;
  if (!row || !matches || row.revoked_at) return null;
  return toApiKey(row);
}

/** Whether a key may use a personal-data resource, and write to it. */
export function keyAllows(key: ApiKey, resource: ApiKeyResource, write: boolean): boolean {
  return key.resources.includes(resource) && (!write || key.access === "read_write");
}

/**
 * Records one request made with a key: `last_used_at` and the day's counter. One row per key and
 * day rather than one audit row per request, which would flood the audit log with a sync job.
 */
export async function recordApiKeyUse(keyId: number, write: boolean, at = new Date()): Promise<void> {
  const now = at.toISOString();
  const day = now.slice(0, 10);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("api_key_usage")
      .values({ api_key_id: keyId, day, requests: 1, writes: write ? 1 : 0 })
      .onConflict((oc) =>
        oc.columns(["api_key_id", "day"]).doUpdateSet({
          requests: sql<number>`api_key_usage.requests + 1`,
          writes: sql<number>`api_key_usage.writes + ${write ? 1 : 0}`,
        }),
      )
      .execute();
    await trx.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", keyId).execute();
  });
}

/** The key's requests per day, newest first (the key's page). */
export async function listApiKeyUsage(keyId: number, days = 30) {
  return db
    .selectFrom("api_key_usage")
    .select(["day", "requests", "writes"])
    .where("api_key_id", "=", keyId)
    .orderBy("day", "desc")
    .limit(days)
    .execute();
}

/**
 * An accepted write made with a key (a signature or an attendance recorded for a partner): one
 * audit row naming the key and the object, never the person's data. Reads are only counted per day.
 */
export async function auditApiKeyWrite(
  key: Pick<ApiKey, "id" | "name" | "prefix">,
  action: string,
  entityType: string,
  entityId: number,
): Promise<void> {
  await recordAudit(db, {
    actorUserId: null,
    action,
    entityType,
    entityId,
    after: { api_key_id: key.id, api_key: `${key.name} (${key.prefix})` },
  });
}
