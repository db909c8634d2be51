import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const kenya = () =>
  db.selectFrom("chapters").select("id").where("jurisdiction_code", "=", "KE").executeTakeFirstOrThrow();
const userByEmail = (email: string) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();

describe("invitations", () => {
  it("staff invite a chapter member; the invitee sets a password and lands signed in with that scope", async () => {
    const staff = new Client(server.url, "192.0.2.1");
    await staff.login(DEMO.staff);
    const chapter = await kenya();
    const sent = await staff.post("/staff/invitations", {
      intent: "invite",
      email: "New.Person@Example.org",
      name: "Amina <b>Odhiambo</b>",
      role: "chapter_member",
      chapterId: String(chapter.id),
      locale: "fr",
    });
    expect(sent.status).toBe(200);
    const mail = await lastMailTo("new.person@example.org");
    expect(mail?.template).toBe("invitation");
    expect(mail?.locale).toBe("fr");
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "invitation.create")
      .executeTakeFirst();
    expect(audit?.after_json).toContain("new.person@example.org");

    const invitee = new Client(server.url, "192.0.2.2");
    const token = tokenFrom(mail!.text);
    const page = await invitee.get(`/invitations/accept?token=${token}`);
    const html = await page.text();
    expect(html).toContain("new.person@example.org");
    expect(html).not.toContain("<b>Odhiambo</b>");

    const accepted = await invitee.post("/invitations/accept", {
      token,
      name: "Amina Odhiambo",
      password: "kenya chapter passphrase",
      confirmPassword: "kenya chapter passphrase",
    });
    expect(accepted.status).toBe(302);
    expect((await invitee.get("/account")).status).toBe(200);
    const user = await userByEmail("new.person@example.org");
    expect(user).toMatchObject({
      role: "chapter_member",
      chapter_id: chapter.id,
      locale: "fr",
      name: "Amina Odhiambo",
    });
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    const follows = await db
      .selectFrom("follows")
      .select("jurisdiction_code")
      .where("user_id", "=", user!.id)
      .execute();
    expect(follows).toEqual([{ jurisdiction_code: "KE" }]);

    const reuse = await new Client(server.url, "192.0.2.3").post("/invitations/accept", {
      token,
      name: "Someone Else",
      password: "another long passphrase",
      confirmPassword: "another long passphrase",
    });
    expect(reuse.status).toBe(400);
  });

  it("refuses a chapter role without a chapter, and writes nothing", async () => {
    const staff = new Client(server.url, "192.0.2.4");
    await staff.login(DEMO.staff);
    const response = await staff.post("/staff/invitations", {
      intent: "invite",
      email: "x@example.org",
      name: "X",
      role: "chapter_lead",
      locale: "en",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose the chapter this role belongs to.");
    expect(
      await db.selectFrom("invitations").select("id").where("email", "=", "x@example.org").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("staff cannot hand out the admin role", async () => {
    const staff = new Client(server.url, "192.0.2.5");
    await staff.login(DEMO.staff);
    const response = await staff.post("/staff/invitations", {
      intent: "invite",
      email: "boss@example.org",
      name: "Boss",
      role: "admin",
      locale: "en",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("You cannot give this role.");
  });

  it("refuses an address that already has an account", async () => {
    const staff = new Client(server.url, "192.0.2.6");
    await staff.login(DEMO.staff);
    const response = await staff.post("/staff/invitations", {
      intent: "invite",
      email: DEMO.admin,
      name: "Dup",
      role: "staff",
      locale: "en",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("already exists");
  });

  it("refuses CR/LF smuggled into the address", async () => {
    const staff = new Client(server.url, "192.0.2.7");
    await staff.login(DEMO.staff);
    const response = await staff.post("/staff/invitations", {
      intent: "invite",
      email: "a@example.org\r\nBcc: all@example.org",
      name: "A",
      role: "staff",
      locale: "en",
    });
    expect(response.status).toBe(400);
    expect(
      await db.selectFrom("outbox").select("id").where("to_address", "like", "%Bcc%").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("a revoked invitation no longer opens", async () => {
    const staff = new Client(server.url, "192.0.2.8");
    await staff.login(DEMO.staff);
    await staff.post("/staff/invitations", {
      intent: "invite",
      email: "late@example.org",
      name: "Late",
      role: "staff",
      locale: "en",
    });
    const token = tokenFrom((await lastMailTo("late@example.org"))!.text);
    const invitation = await db
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", "late@example.org")
      .executeTakeFirstOrThrow();
    const revoked = await staff.post("/staff/invitations", {
      intent: "revoke",
      invitationId: String(invitation.id),
      confirm: "yes",
    });
    expect(revoked.status).toBe(200);
    expect(await (await new Client(server.url).get(`/invitations/accept?token=${token}`)).text()).toContain(
      "has expired, was revoked",
    );
  });
});

describe("user administration", () => {
  it("admin changes a role: audited, and the person must sign in again", async () => {
    const admin = new Client(server.url, "192.0.2.20");
    await admin.login(DEMO.admin);
    const member = new Client(server.url, "192.0.2.21");
    await member.login(DEMO.chapter_member);
    const target = (await userByEmail(DEMO.chapter_member))!;
    const chapter = await kenya();
    const response = await admin.post(`/admin/users/${target.id}`, {
      intent: "role",
      role: "chapter_lead",
      chapterId: String(chapter.id),
    });
    expect(response.status).toBe(200);
    expect((await userByEmail(DEMO.chapter_member))?.role).toBe("chapter_lead");
    expect((await member.get("/account")).status).toBe(302);
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "user.role")
      .where("entity_id", "=", String(target.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ role: "chapter_member" });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ role: "chapter_lead" });
  });

  it("deactivation needs confirmation, ends sessions and blocks sign-in", async () => {
    const admin = new Client(server.url, "192.0.2.22");
    await admin.login(DEMO.admin);
    const victim = new Client(server.url, "192.0.2.23");
    await victim.login(DEMO.coalition_member);
    const target = (await userByEmail(DEMO.coalition_member))!;
    const unconfirmed = await admin.post(`/admin/users/${target.id}`, { intent: "deactivate" });
    expect(unconfirmed.status).toBe(400);
    expect((await userByEmail(DEMO.coalition_member))?.status).toBe("active");
    const confirmed = await admin.post(`/admin/users/${target.id}`, { intent: "deactivate", confirm: "yes" });
    expect(confirmed.status).toBe(200);
    expect((await victim.get("/account")).status).toBe(302);
    const retry = await new Client(server.url, "192.0.2.24").post("/login", {
      email: DEMO.coalition_member,
      password: "correct horse battery staple",
    });
    expect(retry.status).toBe(400);
  });

  it("the last administrator cannot be demoted", async () => {
    const admin = new Client(server.url, "192.0.2.25");
    await admin.login(DEMO.admin);
    const self = (await userByEmail(DEMO.admin))!;
    const response = await admin.post(`/admin/users/${self.id}`, { intent: "role", role: "staff" });
    expect(response.status).toBe(400);
    expect((await userByEmail(DEMO.admin))?.role).toBe("admin");
  });

  it("staff cannot use the admin pages", async () => {
    const staff = new Client(server.url, "192.0.2.26");
    await staff.login(DEMO.staff);
    const target = (await userByEmail(DEMO.admin))!;
    const response = await staff.post(`/admin/users/${target.id}`, { intent: "role", role: "staff" });
    expect(response.status).toBe(403);
    expect((await userByEmail(DEMO.admin))?.role).toBe("admin");
  });
});
