import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const USUAL = "203.0.113.77";

async function fail(email: string, ip: string): Promise<Response> {
  return new Client(server.url, ip).post("/login", { email, password: "wrong password again" });
}

describe("no lockout by strangers", () => {
  it("after 12 failures from other addresses, the owner signs in at once from their usual address", async () => {
    const email = DEMO.chapter_lead;
    const owner = new Client(server.url, USUAL);
    await owner.login(email);
    await owner.post("/logout", {});

    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await fail(email, `198.51.100.${i + 1}`)).status);
    // The strangers were slowed down once past the free attempts.
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses).toContain(429);

    const response = await new Client(server.url, USUAL).post("/login", {
      email,
      password: "correct horse battery staple",
    });
    expect(response.status).toBe(302);
    // A chapter lead: their chapter's log.
    expect(response.headers.get("location")).toBe("/actions");
  });

  it("slows a new address with a short Retry-After rather than locking the account", async () => {
    const email = DEMO.coalition_member;
    for (let i = 0; i < 11; i++) await fail(email, `192.0.2.${i + 1}`);
    const slowed = await fail(email, "192.0.2.200");
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it("stops guessing from one address after ten failures, without touching the owner elsewhere", async () => {
    const email = DEMO.chapter_member;
    const owner = new Client(server.url, "203.0.113.78");
    await owner.login(email);
    await owner.post("/logout", {});
    const statuses: number[] = [];
    // A known address: never delayed as a stranger is, but its own failures are still counted.
    for (let i = 0; i < 11; i++) statuses.push((await fail(email, "203.0.113.79")).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await new Client(server.url, "203.0.113.78").login(email)).status).toBe(302);
  });

  it("tells the owner by e-mail once, however many more failures follow", async () => {
    const email = DEMO.admin;
    for (let i = 0; i < 10; i++) await fail(email, `198.18.0.${i + 1}`);
    const mail = await lastMailTo(email);
    expect(mail?.template).toBe("failed-sign-ins");
    expect(mail?.text).toContain("not locked");
    // Later failures (after the delay) send nothing more.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await fail(email, "198.18.0.50");
    const rows = await db
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "=", email)
      .where("template", "=", "failed-sign-ins")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps known addresses only as keyed hashes", async () => {
    const rows = await db.selectFrom("user_known_addresses").selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(USUAL);
  });
});
