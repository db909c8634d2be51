import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";
import { TEST_PASSWORD } from "../support/paths";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const sessionCount = async (email: string) => {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("users.email", "=", email)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

describe("sign-in", () => {
  it("signs in with the right password and sets a hardened session cookie", async () => {
    const client = new Client(server.url);
    const response = await client.post("/login", { email: "  Staff@Example.org ", password: TEST_PASSWORD });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("hub_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const account = await client.get("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("staff@example.org");
  });

  it("refuses a wrong password with a 400 and no session", async () => {
    const client = new Client(server.url, "203.0.113.20");
    const before = await sessionCount(DEMO.staff);
    const response = await client.post("/login", { email: DEMO.staff, password: "wrong password here" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("The e-mail address or the password is not right.");
    expect(client.hasCookie("hub_session")).toBe(false);
    expect(await sessionCount(DEMO.staff)).toBe(before);
  });

  it("answers a malformed address with a field error", async () => {
    const client = new Client(server.url, "203.0.113.21");
    const response = await client.post("/login", { email: "not-an-address", password: "x" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter a valid e-mail address");
  });

  it("never redirects off-site after sign-in", async () => {
    const client = new Client(server.url, "203.0.113.22");
    const response = await client.post("/login", {
      email: DEMO.staff,
      password: TEST_PASSWORD,
      redirectTo: "//evil.example/x",
    });
    expect(response.headers.get("location")).toBe("/account");
  });

  it("sign-out ends the session on the server, so a copied cookie stops working", async () => {
    const client = new Client(server.url, "203.0.113.23");
    await client.login(DEMO.chapter_member);
    const stolen = client.cookieHeader();
    expect((await client.post("/logout", {})).status).toBe(302);
    const replay = await fetch(`${server.url}/account`, { headers: { Cookie: stolen }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Faccount/);
  });

  it("a tampered token is not a session", async () => {
    const client = new Client(server.url, "203.0.113.24");
    await client.login(DEMO.chapter_member);
    const forged = client
      .cookieHeader()
      .replace(/hub_session=([^;]+)/, (_m, v: string) => `hub_session=${v.slice(0, -6)}AAAAAA`);
    const response = await fetch(`${server.url}/account`, { headers: { Cookie: forged }, redirect: "manual" });
    expect(response.status).toBe(302);
  });

  it("locks an account out after repeated failures with a 429 page", async () => {
    const email = DEMO.coalition_member;
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await new Client(server.url, `198.51.100.${i + 1}`).post("/login", {
        email,
        password: "wrong password again",
      });
    }
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await last?.text()).toContain("Too many attempts");
  });
});

describe("password change", () => {
  it("refuses a common password and keeps the old one", async () => {
    const client = new Client(server.url, "203.0.113.30");
    await client.login(DEMO.chapter_lead);
    const response = await client.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      password: "password1234",
      confirmPassword: "password1234",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("among the most common");
    await new Client(server.url, "203.0.113.31").login(DEMO.chapter_lead);
  });

  it("changes the password and ends every other session", async () => {
    const kept = new Client(server.url, "203.0.113.32");
    const other = new Client(server.url, "203.0.113.33");
    await kept.login(DEMO.chapter_lead);
    await other.login(DEMO.chapter_lead);
    const response = await kept.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      password: "a brand new passphrase 7",
      confirmPassword: "a brand new passphrase 7",
    });
    expect(response.status).toBe(200);
    expect((await kept.get("/account")).status).toBe(200);
    expect((await other.get("/account")).status).toBe(302);
    expect(await sessionCount(DEMO.chapter_lead)).toBe(1);
    await new Client(server.url, "203.0.113.34").login(DEMO.chapter_lead, "a brand new passphrase 7");
  });
});

describe("password reset", () => {
  it("mails a one-hour, single-use link; using it sets the password and ends all sessions", async () => {
    const signedIn = new Client(server.url, "203.0.113.40");
    await signedIn.login(DEMO.staff);
    const anonymous = new Client(server.url, "203.0.113.41");
    const asked = await anonymous.post("/forgot-password", { email: DEMO.staff });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("If an account uses this address");
    const mail = await lastMailTo(DEMO.staff);
    expect(mail?.template).toBe("password-reset");
    const token = tokenFrom(mail!.text);

    const reset = await anonymous.post("/reset-password", {
      token,
      password: "reset passphrase 2026",
      confirmPassword: "reset passphrase 2026",
    });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/login?notice=reset");
    expect((await signedIn.get("/account")).status).toBe(302);
    await new Client(server.url, "203.0.113.42").login(DEMO.staff, "reset passphrase 2026");

    const again = await anonymous.post("/reset-password", {
      token,
      password: "another passphrase 99",
      confirmPassword: "another passphrase 99",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("expired or has already been used");
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const before = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const response = await new Client(server.url, "203.0.113.43").post("/forgot-password", {
      email: "nobody@example.org",
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("If an account uses this address");
    const after = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses an expired link", async () => {
    const anonymous = new Client(server.url, "203.0.113.44");
    await anonymous.post("/forgot-password", { email: DEMO.chapter_member });
    const mail = await lastMailTo(DEMO.chapter_member);
    const token = tokenFrom(mail!.text);
    await db
      .updateTable("password_resets")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    const page = await anonymous.get(`/reset-password?token=${token}`);
    expect(await page.text()).toContain("expired or has already been used");
    const response = await anonymous.post("/reset-password", {
      token,
      password: "too late passphrase",
      confirmPassword: "too late passphrase",
    });
    expect(response.status).toBe(400);
  });
});

describe("cross-site requests", () => {
  it("refuses a POST from another origin and changes nothing", async () => {
    const client = new Client(server.url, "203.0.113.50");
    await client.login(DEMO.admin);
    const before = await sessionCount(DEMO.admin);
    const response = await client.request("/logout", { method: "POST", headers: { Origin: "https://evil.example" } });
    expect(response.status).toBe(403);
    expect(await sessionCount(DEMO.admin)).toBe(before);
    const fetchSite = await client.request("/logout", { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(fetchSite.status).toBe(403);
    expect((await client.get("/account")).status).toBe(200);
  });
});

describe("security headers", () => {
  it("sends a strict policy on every page", async () => {
    const response = await new Client(server.url).get("/");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
