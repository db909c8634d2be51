import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
let staff: Client;
let admin: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.2.0.1");
  admin = new Client(server.url, "10.2.0.2");
  await staff.login(DEMO.staff);
  await admin.login(DEMO.admin);
  await new Client(server.url, "10.2.0.3").post("/forgot-password", { email: DEMO.admin });
});
afterAll(() => server.close());

describe("staff mailbox", () => {
  it("lists the message and renders its HTML in its own locked-down document", async () => {
    const mail = (await lastMailTo(DEMO.admin))!;
    const list = await (await admin.get("/staff/mail")).text();
    expect(list).toContain(mail.subject);
    const frame = await admin.get(`/staff/mail/${mail.id}/html`);
    expect(frame.status).toBe(200);
    expect(frame.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
    expect(frame.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(await frame.text()).toContain(tokenFrom(mail.text));
  });

  it("hides an access link addressed to someone else from staff, so they cannot take over the account", async () => {
    const mail = (await lastMailTo(DEMO.admin))!;
    const page = await (await staff.get(`/staff/mail/${mail.id}`)).text();
    expect(page).toContain("private link (a password reset)");
    expect(page).not.toContain(tokenFrom(mail.text));
    expect((await staff.get(`/staff/mail/${mail.id}/html`)).status).toBe(404);
  });

  it("shows people their own access links", async () => {
    await new Client(server.url, "10.2.0.4").post("/forgot-password", { email: DEMO.staff });
    const mail = (await lastMailTo(DEMO.staff))!;
    expect(await (await staff.get(`/staff/mail/${mail.id}`)).text()).toContain(tokenFrom(mail.text));
  });

  it("hides access links from everyone once a real provider delivers the mail", async () => {
    const mail = (await lastMailTo(DEMO.admin))!;
    await new Client(server.url, "10.2.0.5").post("/forgot-password", { email: DEMO.chapter_lead });
    const leadMail = (await lastMailTo(DEMO.chapter_lead))!;
    process.env.RESEND_API_KEY = "re_test_key";
    try {
      expect(await (await admin.get(`/staff/mail/${leadMail.id}`)).text()).not.toContain(tokenFrom(leadMail.text));
      expect(await (await admin.get(`/staff/mail/${mail.id}`)).text()).toContain(tokenFrom(mail.text));
    } finally {
      delete process.env.RESEND_API_KEY;
    }
  });
});
