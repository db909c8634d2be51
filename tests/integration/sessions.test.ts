import { describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import {
  createSession,
  invalidateUserSessions,
  SESSION_LIFETIME_MS,
  validateSessionToken,
} from "~/features/auth/session.server";

const staffId = async () =>
  (await db.selectFrom("users").select("id").where("email", "=", "staff@example.org").executeTakeFirstOrThrow()).id;
const DAY = 86_400_000;

describe("sessions", () => {
  it("stores only a hash of the secret half of the token", async () => {
    const { token } = await createSession(await staffId());
    const [id, secret] = token.split(".");
    const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("accepts the token, refuses a wrong secret and a malformed token", async () => {
    const { token } = await createSession(await staffId());
    expect((await validateSessionToken(token))?.user.email).toBe("staff@example.org");
    const [id] = token.split(".");
    expect(await validateSessionToken(`${id}.wrongsecretwrongsecret`)).toBeNull();
    expect(await validateSessionToken(`${token}.extra`)).toBeNull();
    expect(await validateSessionToken("' OR 1=1 --")).toBeNull();
  });

  it("slides the idle expiry forward while used (at most once an hour), and expires after it", async () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(await staffId(), start);
    const early = await validateSessionToken(token, new Date(start.getTime() + 5 * 60_000));
    expect(early?.renewed).toBe(false);
    const later = new Date(start.getTime() + 5 * DAY);
    const renewed = await validateSessionToken(token, later);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.expiresAt.getTime()).toBe(later.getTime() + SESSION_LIFETIME_MS);
    expect(await validateSessionToken(token, new Date(later.getTime() + SESSION_LIFETIME_MS + 1))).toBeNull();
    expect(
      await db.selectFrom("sessions").select("id").where("id", "=", token.split(".")[0]).executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a deactivated user's session is refused", async () => {
    const id = await staffId();
    const { token } = await createSession(id);
    await db.updateTable("users").set({ status: "deactivated" }).where("id", "=", id).execute();
    expect(await validateSessionToken(token)).toBeNull();
    await db.updateTable("users").set({ status: "active" }).where("id", "=", id).execute();
  });

  it("ends every session of a user but the one to keep", async () => {
    const id = await staffId();
    const keep = await createSession(id);
    const other = await createSession(id);
    await invalidateUserSessions(id, keep.token.split(".")[0]);
    expect(await validateSessionToken(keep.token)).not.toBeNull();
    expect(await validateSessionToken(other.token)).toBeNull();
  });
});
