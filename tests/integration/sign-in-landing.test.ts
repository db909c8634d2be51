/** Where each role lands after signing in, and the header's link to a chapter's log. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { TEST_PASSWORD } from "../support/paths";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let ip = 1;
const client = () => new Client(server.url, `192.0.2.${ip++}`);

const LANDING: Record<keyof typeof DEMO, string> = {
  admin: "/account",
  staff: "/account",
  chapter_lead: "/actions",
  chapter_member: "/actions",
  coalition_member: "/account",
};

describe("landing after sign-in", () => {
  for (const [role, landing] of Object.entries(LANDING) as Array<[keyof typeof DEMO, string]>) {
    it(`${role} lands on ${landing}`, async () => {
      const response = await client().login(DEMO[role]);
      expect(response.headers.get("location")).toBe(landing);
    });
  }

  it("a page that asked for sign-in wins over the landing page", async () => {
    const browser = client();
    const response = await browser.post("/login", {
      email: DEMO.chapter_lead,
      password: TEST_PASSWORD,
      redirectTo: "/events",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/events");
  });

  it("signed-in chapter people who open /login again go to their log", async () => {
    const browser = client();
    await browser.login(DEMO.chapter_member);
    const again = await browser.get("/login");
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/actions");
  });

  it("the log is their chapter's, and the header links to it as “My log” for chapter people only", async () => {
    for (const role of Object.keys(LANDING) as Array<keyof typeof DEMO>) {
      const browser = client();
      await browser.login(DEMO[role]);
      const html = await (await browser.get("/account")).text();
      const header = html.slice(html.indexOf("<header"), html.indexOf("</header>"));
      if (LANDING[role] === "/actions") {
        expect(header, role).toMatch(/<a[^>]*href="\/actions"[^>]*>My log<\/a>/);
        const log = await browser.get("/actions");
        expect(log.status, role).toBe(200);
        expect(await log.text(), role).toContain("Kenya Chapter");
      } else {
        expect(header, role).not.toContain("My log");
      }
    }
  });
});
