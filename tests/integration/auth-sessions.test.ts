import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import {
  createSession,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE_NAME,
  SESSION_IDLE_MS,
  validateSessionToken,
} from "~/features/auth/session.server";
import { networkOf, summariseUserAgent } from "~/features/auth/devices.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const DAY = 86_400_000;

/** The public half of the session token in a client's cookie (Remix signs nothing here, it base64s JSON). */
function sessionIdOf(client: Client): string {
  const raw = /hub_session=([^;]+)/.exec(client.cookieHeader())![1];
  const token = JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8")) as string;
  return token.split(".")[0];
}
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

async function signIn(ip: string, userAgent: string, email: string = DEMO.chapter_lead): Promise<Client> {
  const client = new Client(server.url, ip);
  const response = await client.post(
    "/login",
    { email, password: "correct horse battery staple" },
    { "User-Agent": userAgent },
  );
  expect(response.status).toBe(302);
  return client;
}

describe("session lifetime", () => {
  it("ends a session 30 days after sign-in however much it is used, and after 7 idle days", async () => {
    expect(SESSION_IDLE_MS).toBe(7 * DAY);
    expect(SESSION_ABSOLUTE_MS).toBe(30 * DAY);
    const user = await db.selectFrom("users").select("id").where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
    const start = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(user.id, start);
    // Used every few days: the idle expiry keeps sliding, but never past the absolute end.
    let now = start.getTime();
    for (let day = 5; day < 30; day += 5) {
      now = start.getTime() + day * DAY;
      expect(await validateSessionToken(token, new Date(now))).not.toBeNull();
    }
    const nearEnd = await validateSessionToken(token, new Date(start.getTime() + 29 * DAY));
    expect(nearEnd?.expiresAt.getTime()).toBeLessThanOrEqual(start.getTime() + 30 * DAY);
    expect(await validateSessionToken(token, new Date(start.getTime() + 30 * DAY + 1000))).toBeNull();

    const idle = await createSession(user.id, start);
    expect(await validateSessionToken(idle.token, new Date(start.getTime() + 7 * DAY + 1000))).toBeNull();
  });

  it("names the cookie hub_session in development (__Host-hub_session in production)", () => {
    expect(SESSION_COOKIE_NAME).toBe("hub_session");
  });

  it("keeps only the network of an address, and reads browser and system from the User-Agent", () => {
    expect(networkOf("203.0.113.57")).toBe("203.0.113.0/24");
    expect(networkOf("::ffff:198.51.100.9")).toBe("198.51.100.0/24");
    expect(networkOf("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(networkOf("unknown")).toBeNull();
    expect(summariseUserAgent(FIREFOX_LINUX)).toEqual({ browser: "Firefox", os: "Linux" });
    expect(summariseUserAgent(SAFARI_IPHONE)).toEqual({ browser: "Safari", os: "iOS" });
  });
});

describe("the account page's sessions", () => {
  it("lists each session with its device, network and last activity, never the full address", async () => {
    const laptop = await signIn("203.0.113.57", FIREFOX_LINUX);
    await signIn("198.51.100.23", SAFARI_IPHONE);
    const page = await (await laptop.get("/account")).text();
    expect(page).toContain("Where you are signed in");
    expect(page).toContain("Firefox on Linux");
    expect(page).toContain("Safari on iOS");
    expect(page).toContain("203.0.113.0/24");
    expect(page).toContain("198.51.100.0/24");
    expect(page).not.toContain("203.0.113.57");
    const rows = await db.selectFrom("sessions").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain("198.51.100.23");
  });

  it("ends one other session, and all others only once confirmed", async () => {
    const email = DEMO.chapter_member;
    const main = await signIn("203.0.113.60", FIREFOX_LINUX, email);
    const phone = await signIn("203.0.113.61", SAFARI_IPHONE, email);
    const tablet = await signIn("203.0.113.62", SAFARI_IPHONE, email);
    const user = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const phoneId = sessionIdOf(phone);

    const ended = await main.post("/account", { intent: "end-session", sessionId: phoneId });
    expect(ended.status).toBe(200);
    expect((await phone.get("/account")).status).toBe(302);
    expect((await tablet.get("/account")).status).toBe(200);

    const unconfirmed = await main.post("/account", { intent: "end-other-sessions" });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain("Tick the box to confirm.");
    expect((await tablet.get("/account")).status).toBe(200);

    const confirmed = await main.post("/account", { intent: "end-other-sessions", confirm: "yes" });
    expect(confirmed.status).toBe(200);
    expect((await tablet.get("/account")).status).toBe(302);
    expect((await main.get("/account")).status).toBe(200);
    const left = await db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute();
    expect(left).toHaveLength(1);
  });

  it("cannot end another user's session", async () => {
    const victim = await signIn("203.0.113.70", FIREFOX_LINUX, DEMO.coalition_member);
    const attacker = await signIn("203.0.113.71", FIREFOX_LINUX, DEMO.chapter_lead);
    const victimId = sessionIdOf(victim);
    const response = await attacker.post("/account", { intent: "end-session", sessionId: victimId });
    expect(response.status).toBe(400);
    expect((await victim.get("/account")).status).toBe(200);
  });
});
