import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { TEST_PASSWORD } from "../support/paths";

// Staff and admins must use a second factor here, as in production.
process.env.STAFF_TWO_FACTOR = "required";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ STAFF_TWO_FACTOR: "required" });
});
afterAll(() => server.close());

let ip = 1;
const newClient = () => new Client(server.url, `203.0.113.${ip++}`);

function codeAt(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

function secretFrom(html: string): string {
  const match = /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html);
  if (!match) throw new Error("no secret on the page");
  return match[1].replace(/ /g, "");
}

function recoveryCodesFrom(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z0-9]{6}(?:-[a-z0-9]{6}){3})<\/code><\/li>/g)].map((m) => m[1]);
}

let staffSecret = "";
let staffRecovery: string[] = [];

describe("two-step sign-in for staff", () => {
  it("makes staff without a second factor enrol before any session exists", async () => {
    const client = newClient();
    const password = await client.post("/login", { email: DEMO.staff, password: TEST_PASSWORD });
    expect(password.status).toBe(302);
    expect(password.headers.get("location")).toBe("/login/two-factor");
    expect(client.hasCookie("hub_session")).toBe(false);
    expect((await client.get("/account")).status).toBe(302);
    expect((await client.get("/staff")).status).toBe(302);

    const page = await client.get("/login/two-factor");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<svg[^>]*style=|<script(?! nonce)/);
    expect(html).toMatch(/autocomplete="one-time-code"/i);
    expect(html).toMatch(/inputMode="numeric"|inputmode="numeric"/);
    staffSecret = secretFrom(html);

    const wrong = await client.post("/login/two-factor", { intent: "enrol", code: "000000" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("This code is not right");
    expect(client.hasCookie("hub_session")).toBe(false);

    const right = await client.post("/login/two-factor", { intent: "enrol", code: codeAt(staffSecret) });
    expect(right.status).toBe(200);
    const shown = await right.text();
    staffRecovery = recoveryCodesFrom(shown);
    expect(staffRecovery).toHaveLength(10);
    expect(client.hasCookie("hub_session")).toBe(true);
    expect((await client.get("/staff")).status).toBe(200);

    const user = await db.selectFrom("users").select("id").where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
    const stored = await db.selectFrom("user_recovery_codes").selectAll().where("user_id", "=", user.id).execute();
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(staffRecovery[0]);
    const totp = await db.selectFrom("user_totp").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(totp.secret_encrypted).not.toContain(staffSecret);
  });

  it("signs in in two steps, refusing a code already used", async () => {
    const client = newClient();
    await client.post("/login", { email: DEMO.staff, password: TEST_PASSWORD });
    expect(client.hasCookie("hub_session")).toBe(false);
    const page = await (await client.get("/login/two-factor")).text();
    expect(page).not.toContain("<svg");
    // The code the enrolment used (this step) is spent; the next step's code works once.
    const reused = await client.post("/login/two-factor", { intent: "verify", code: codeAt(staffSecret) });
    expect(reused.status).toBe(400);
    const next = codeAt(staffSecret, 1);
    const ok = await client.post("/login/two-factor", { intent: "verify", code: next });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/account");
    expect((await client.get("/account")).status).toBe(200);

    const again = newClient();
    await again.post("/login", { email: DEMO.staff, password: TEST_PASSWORD });
    expect((await again.post("/login/two-factor", { intent: "verify", code: next })).status).toBe(400);
  });

  it("accepts each recovery code once", async () => {
    const client = newClient();
    await client.post("/login", { email: DEMO.staff, password: TEST_PASSWORD });
    expect((await client.post("/login/two-factor", { code: staffRecovery[0].toUpperCase() })).status).toBe(302);
    const again = newClient();
    await again.post("/login", { email: DEMO.staff, password: TEST_PASSWORD });
    expect((await again.post("/login/two-factor", { code: staffRecovery[0] })).status).toBe(400);
  });

  it("refuses the second step without the password step, and rate-limits codes", async () => {
    const stranger = newClient();
    const response = await stranger.post("/login/two-factor", { code: "123456" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);

    const client = newClient();
    await client.post("/login", { email: DEMO.admin, password: TEST_PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await client.post("/login/two-factor", { code: "999999" })).status);
    expect(statuses[10]).toBe(429);
  });

  it("sends a staff session from before the requirement to enrolment first", async () => {
    const { createSession, commitSessionCookie } = await import("~/features/auth/session.server");
    const lead = await db.selectFrom("users").select("id").where("email", "=", DEMO.admin).executeTakeFirstOrThrow();
    const { token, expiresAt } = await createSession(lead.id);
    const cookie = (await commitSessionCookie(token, expiresAt)).split(";")[0];
    const response = await fetch(`${server.url}/staff`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account/two-factor");
    // Pages open to everyone show such a session nothing more than they show a visitor.
    const page = await (await fetch(`${server.url}/threats`, { headers: { Cookie: cookie } })).text();
    expect(page).not.toContain('href="/threats/new"');
    expect(page).not.toContain("/threats/export.csv");
  });

  it("asks for the password before a session turns two-step sign-in on", async () => {
    const client = newClient();
    await client.login(DEMO.coalition_member);
    const secret = secretFrom(await (await client.get("/account/two-factor")).text());
    const without = await client.post("/account/two-factor", { code: codeAt(secret) });
    expect(without.status).toBe(400);
    const wrong = await client.post("/account/two-factor", { code: codeAt(secret), currentPassword: "not it at all" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The current password is not right");
    expect(
      await db
        .selectFrom("user_totp")
        .innerJoin("users", "users.id", "user_totp.user_id")
        .select("user_totp.confirmed_at")
        .where("users.email", "=", DEMO.coalition_member)
        .executeTakeFirst(),
    ).toMatchObject({ confirmed_at: null });
    const right = await client.post("/account/two-factor", { code: codeAt(secret), currentPassword: TEST_PASSWORD });
    expect(right.status).toBe(200);
    expect(recoveryCodesFrom(await right.text())).toHaveLength(10);
  });
});

describe("optional two-step sign-in for other roles", () => {
  it("is turned on from the account page and off only with a current code", async () => {
    const client = newClient();
    await client.login(DEMO.chapter_member);
    expect(await (await client.get("/account")).text()).toContain("Two-step sign-in is off");
    const secret = secretFrom(await (await client.get("/account/two-factor")).text());
    const enrolled = await client.post("/account/two-factor", { code: codeAt(secret), currentPassword: TEST_PASSWORD });
    expect(enrolled.status).toBe(200);
    expect(recoveryCodesFrom(await enrolled.text())).toHaveLength(10);
    expect(await (await client.get("/account")).text()).toContain("10 recovery codes are left");

    const wrong = await client.post("/account", {
      intent: "disable-two-factor",
      code: "000000",
      currentPassword: TEST_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    const noPassword = await client.post("/account", { intent: "disable-two-factor", code: codeAt(secret, 1) });
    expect(noPassword.status).toBe(400);
    const off = await client.post("/account", {
      intent: "disable-two-factor",
      code: codeAt(secret, 1),
      currentPassword: TEST_PASSWORD,
    });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("Two-step sign-in is off.");
    expect(
      (await newClient().post("/login", { email: DEMO.chapter_member, password: TEST_PASSWORD })).headers.get(
        "location",
      ),
    ).toBe("/actions");
  });
});

describe("passwords easy to guess for someone who knows the account", () => {
  it.each([
    ["aaaaaaaaaaaaaa", "One character repeated"],
    ["qwertyuiopqwerty", "A row of keys"],
    ["1234567890123", "A row of keys"],
    ["Encryption Advocacy Hub 2026!", "name of this site"],
    ["my lead password 99", "your e-mail address"],
  ])("refuses %s with a clear message", async (password, message) => {
    const client = newClient();
    await client.login(DEMO.chapter_lead);
    const response = await client.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      password,
      confirmPassword: password,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
  });
});
