import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let ownId: number;
let otherId: number;
beforeAll(async () => {
  server = await startTestServer();
  ownId = (
    await db
      .selectFrom("users")
      .select("coalition_member_id")
      .where("email", "=", DEMO.coalition_member)
      .executeTakeFirstOrThrow()
  ).coalition_member_id!;
  otherId = (
    await db
      .selectFrom("coalition_members")
      .select("id")
      .where("name", "=", "SecureMail Co. (demo)")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => server.close());

const profile = (overrides: Record<string, string> = {}) => ({
  name: "Open Networks Foundation (demo)",
  sector: "civil_society",
  jurisdiction: "DE",
  website: "https://example.org/open-networks",
  publicProfile: "We defend <b>encryption</b> everywhere.",
  ...overrides,
});

describe("coalition directory", () => {
  it("lists active members with counts, filters and a growth chart", async () => {
    const html = await (await new Client(server.url).get("/coalition")).text();
    expect(html).toContain("Digital Rights Kenya (demo)");
    expect(html).toContain("Members and countries, year by year");
    expect(html).toMatch(/<th scope="row">2020<\/th><td>\d+<\/td>/);
    const academia = await (await new Client(server.url).get("/coalition?sector=academia")).text();
    expect(academia).toContain("Andes Privacy Lab (demo)");
    expect(academia).not.toContain("SecureMail Co. (demo)");
    const search = await (await new Client(server.url).get("/coalition?q=ouvert")).text();
    expect(search).toContain("Institut pour un Internet ouvert");
    const year = await (await new Client(server.url).get("/coalition?year=2025&jurisdiction=BJ")).text();
    expect(year).toContain("Benin Digital Citizens (demo)");
    expect(year).not.toContain("Pacific Cyber Policy Centre");
  });

  it("shows a profile without its private contact", async () => {
    await db
      .updateTable("coalition_members")
      .set({ contact_email: "secret-contact@example.org" })
      .where("id", "=", otherId)
      .execute();
    const html = await (await new Client(server.url).get(`/coalition/${otherId}`)).text();
    expect(html).toContain("SecureMail Co. (demo)");
    expect(html).not.toContain("secret-contact@example.org");
  });
});

describe("member representatives", () => {
  it("edit their own organisation's profile, escaped on display", async () => {
    const rep = new Client(server.url, "10.5.0.1");
    await rep.login(DEMO.coalition_member);
    const response = await rep.post(`/coalition/${ownId}/edit`, profile());
    expect(response.status).toBe(302);
    const html = await (await new Client(server.url).get(`/coalition/${ownId}`)).text();
    expect(html).toContain("We defend &lt;b&gt;encryption&lt;/b&gt; everywhere.");
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "member.update")
      .where("entity_id", "=", String(ownId))
      .executeTakeFirst();
    expect(audit).toBeDefined();
  });

  it("cannot edit another organisation", async () => {
    const rep = new Client(server.url, "10.5.0.2");
    await rep.login(DEMO.coalition_member);
    expect((await rep.get(`/coalition/${otherId}/edit`)).status).toBe(403);
    const response = await rep.post(`/coalition/${otherId}/edit`, profile({ name: "Hijacked" }));
    expect(response.status).toBe(403);
    expect(
      (await db.selectFrom("coalition_members").select("name").where("id", "=", otherId).executeTakeFirstOrThrow())
        .name,
    ).toBe("SecureMail Co. (demo)");
  });

  it("get field errors for bad input and nothing changes", async () => {
    const rep = new Client(server.url, "10.5.0.3");
    await rep.login(DEMO.coalition_member);
    const before = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("id", "=", ownId)
      .executeTakeFirstOrThrow();
    const response = await rep.post(
      `/coalition/${ownId}/edit`,
      profile({ name: "", website: "javascript:alert(1)", jurisdiction: "QQ" }),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("This field is required.");
    expect(html).toContain("Enter a full web address");
    expect(
      await db.selectFrom("coalition_members").selectAll().where("id", "=", ownId).executeTakeFirstOrThrow(),
    ).toEqual(before);
  });
});

describe("staff", () => {
  it("suspend a member after confirming: it leaves the public directory; then reactivate it", async () => {
    const staff = new Client(server.url, "10.5.0.4");
    await staff.login(DEMO.staff);
    expect((await staff.post(`/coalition/${otherId}`, { intent: "suspend" })).status).toBe(400);
    expect((await staff.post(`/coalition/${otherId}`, { intent: "suspend", confirm: "yes" })).status).toBe(200);
    expect(await (await new Client(server.url).get("/coalition")).text()).not.toContain("SecureMail Co. (demo)");
    expect((await new Client(server.url).get(`/coalition/${otherId}`)).status).toBe(404);
    expect((await staff.get(`/coalition/${otherId}`)).status).toBe(200);
    expect((await staff.post(`/coalition/${otherId}`, { intent: "reactivate", confirm: "yes" })).status).toBe(200);
    expect(await (await new Client(server.url).get("/coalition")).text()).toContain("SecureMail Co. (demo)");
  });

  it("others cannot change a member's status", async () => {
    const rep = new Client(server.url, "10.5.0.5");
    await rep.login(DEMO.coalition_member);
    expect((await rep.post(`/coalition/${ownId}`, { intent: "leave", confirm: "yes" })).status).toBe(403);
  });
});

describe("consent to the public listing", () => {
  it("a member who did not agree is counted but not listed, in the directory, its profile or the API", async () => {
    const hidden = await db
      .selectFrom("coalition_members")
      .select("id")
      .where("name", "=", "Dr. Amara Mensah (demo)")
      .executeTakeFirstOrThrow();
    const before = await (await new Client(server.url).get("/coalition")).text();
    const count = (html: string) => Number(/<strong>(\d+)<\/strong> members/.exec(html)?.[1]);
    await db.updateTable("coalition_members").set({ public_listing: 0 }).where("id", "=", hidden.id).execute();
    const after = await (await new Client(server.url).get("/coalition")).text();
    expect(after).not.toContain("Dr. Amara Mensah");
    expect(count(after)).toBe(count(before));
    expect((await new Client(server.url).get(`/coalition/${hidden.id}`)).status).toBe(404);
    expect(
      JSON.stringify(await (await new Client(server.url).get("/api/v1/coalition/members?per_page=100")).json()),
    ).not.toContain("Amara");
    const staff = new Client(server.url, "10.5.0.9");
    await staff.login(DEMO.staff);
    expect((await staff.get(`/coalition/${hidden.id}`)).status).toBe(200);
  });
});
