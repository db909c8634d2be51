/** API keys: the token is shown once and stored only hashed, found in constant time, revoked, audited. */
import { describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import {
  createApiKey,
  findActiveApiKeyByToken,
  keyAllows,
  listApiKeys,
  listApiKeyUsage,
  recordApiKeyUse,
  revokeApiKey,
} from "../../app/features/api-keys/keys.server";
import { sha256Hex } from "../../app/features/auth/tokens.server";

async function admin() {
  return db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
}

describe("API keys", () => {
  it("returns the token once, stores only its SHA-256 and finds the key by it", async () => {
    const actor = await admin();
    const { key, token } = await createApiKey(actor, {
      name: "Action Network sync",
      access: "read",
      resources: ["signatures", "people"],
    });
    expect(token).toMatch(/^hub_[a-z2-9]{8}_[a-z2-9]{40}$/);
    expect(token.startsWith(key.prefix + "_")).toBe(true);
    const row = await db.selectFrom("api_keys").selectAll().where("id", "=", key.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(key.prefix.length + 1));
    expect(key.resources).toEqual(["signatures", "people"]);

    expect((await findActiveApiKeyByToken(token))?.id).toBe(key.id);
    // The right prefix with a wrong secret, a malformed token and an empty one find nothing.
    expect(await findActiveApiKeyByToken(`${key.prefix}_${"a".repeat(40)}`)).toBeNull();
    expect(await findActiveApiKeyByToken("not-a-token")).toBeNull();
    expect(await findActiveApiKeyByToken("")).toBeNull();
  });

  it("audits creation and revocation; a revoked key is never found again", async () => {
    const actor = await admin();
    const { key, token } = await createApiKey(actor, { name: "To revoke", access: "read_write", resources: [] });
    expect(await revokeApiKey(actor, key.id)).toBe(true);
    expect(await revokeApiKey(actor, key.id)).toBe(true);
    expect(await findActiveApiKeyByToken(token)).toBeNull();
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "after_json"])
      .where("entity_type", "=", "api_key")
      .where("entity_id", "=", String(key.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["api_key.create", "api_key.revoke"]);
    expect(audit.every((a) => a.actor_user_id === actor.id)).toBe(true);
    expect(audit.map((a) => a.after_json).join()).not.toContain(token);
    const listed = await listApiKeys();
    expect(listed.find((k) => k.id === key.id)?.revokedAt).not.toBeNull();
    expect(await revokeApiKey(actor, 999_999)).toBe(false);
  });

  it("checks scopes and counts uses per day instead of auditing each request", async () => {
    const actor = await admin();
    const { key } = await createApiKey(actor, { name: "Scopes", access: "read", resources: ["signatures"] });
    expect(keyAllows(key, "signatures", false)).toBe(true);
    expect(keyAllows(key, "signatures", true)).toBe(false);
    expect(keyAllows(key, "people", false)).toBe(false);
    const auditBefore = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const at = new Date("2026-03-04T10:00:00Z");
    await recordApiKeyUse(key.id, false, at);
    await recordApiKeyUse(key.id, true, at);
    await recordApiKeyUse(key.id, false, new Date("2026-03-05T10:00:00Z"));
    expect(await listApiKeyUsage(key.id)).toEqual([
      { day: "2026-03-05", requests: 1, writes: 0 },
      { day: "2026-03-04", requests: 2, writes: 1 },
    ]);
    const auditAfter = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
    const row = await db
      .selectFrom("api_keys")
      .select("last_used_at")
      .where("id", "=", key.id)
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).toBe("2026-03-05T10:00:00.000Z");
  });
});
