/**
 * Chapters through the real HTTP stack: the public and staff lists, the CSV export, staff create
 * and edit, the members page (invitations and removals, scoped to a lead's own chapter), and the
 * chapter page with its yearly summary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { insertAdvocacyAction, insertTestUser } from "../support/advocacy-factory";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
let staff: Client;
let lead: Client;
let kenya: number;
let nigeria: number;
let ip = 1;

async function signedIn(email: string): Promise<Client> {
  const client = new Client(server.url, `10.42.0.${ip++}`);
  await client.login(email);
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  staff = await signedIn(DEMO.staff);
  lead = await signedIn(DEMO.chapter_lead);
  const rows = await db.selectFrom("chapters").select(["id", "name"]).execute();
  kenya = rows.find((r) => r.name === "Kenya Chapter")!.id;
  nigeria = rows.find((r) => r.name === "Nigeria Chapter")!.id;
});
afterAll(() => server.close());

describe("the chapter list", () => {
  it("shows the public active chapters with country and kind, and no staff tools", async () => {
    const html = await (await new Client(server.url, "10.42.9.1").get("/chapters")).text();
    expect(html).toContain(`href="/chapters/${kenya}"`);
    expect(html).toContain("Kenya");
    expect(html).toContain("Special interest group");
    expect(html).not.toContain("/chapters/export.csv");
    expect(html).not.toContain("Accepted actions in");
  });

  it("gives staff filters and the year's accepted actions per chapter", async () => {
    const html = await (await staff.get("/chapters?region=africa&year=2025")).text();
    expect(html).toContain("Accepted actions in 2025");
    expect(html).toContain("Kenya Chapter");
    expect(html).not.toContain("Bolivia Chapter");
    // The seed's Kenya chapter has five accepted actions in 2025.
    expect(html).toMatch(
      new RegExp(`href="/chapters/${kenya}">Kenya Chapter</a></th>(<td>[^<]*</td>){4}<td>\\d+</td><td>5</td>`),
    );
    const sig = await (await staff.get("/chapters?kind=sig")).text();
    expect(sig).toContain("Encryption Special Interest Group");
    expect(sig).not.toContain("Kenya Chapter");
  });

  it("exports the filtered list as CSV, formulas neutralised, for staff only", async () => {
    const created = await staff.post("/chapters/new", {
      name: '=HYPERLINK("http://evil")',
      jurisdiction: "KE",
      kind: "chapter",
      status: "active",
      region: "africa",
    });
    expect(created.status).toBe(302);
    const response = await staff.get("/chapters/export.csv?region=africa&year=2025");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const csv = await response.text();
    const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("id,name,kind,status,region,jurisdiction_code,jurisdiction,members,year,accepted_actions");
    expect(lines).toContain(`${kenya},Kenya Chapter,chapter,active,africa,KE,Kenya,2,2025,5`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toContain("Bolivia Chapter");
    expect((await lead.get("/chapters/export.csv")).status).toBe(403);
    expect((await new Client(server.url, "10.42.9.2").get("/chapters/export.csv")).status).toBe(302);
  });
});

describe("staff create and edit chapters", () => {
  it("creates one, audited; a duplicate name or a bad country is a 400 that writes nothing", async () => {
    const response = await staff.post("/chapters/new", {
      name: "Senegal Chapter",
      jurisdiction: "sn",
      kind: "chapter",
      status: "active",
      region: "africa",
    });
    expect(response.status).toBe(302);
    const row = await db
      .selectFrom("chapters")
      .selectAll()
      .where("name", "=", "Senegal Chapter")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ jurisdiction_code: "SN", region: "africa", kind: "chapter" });
    expect(response.headers.get("location")).toBe(`/chapters/${row.id}`);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "chapter")
      .where("entity_id", "=", String(row.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["chapter.create"]);
    const count = async () => (await db.selectFrom("chapters").select("id").execute()).length;
    const before = await count();
    const bads: Array<Record<string, string>> = [
      { name: "Senegal Chapter", jurisdiction: "SN" },
      { name: "Nowhere Chapter", jurisdiction: "XX" },
      { name: "Line\nbreak", jurisdiction: "SN" },
      { name: "", jurisdiction: "SN" },
      { name: "Bad region", jurisdiction: "SN", region: "atlantis" },
    ];
    for (const bad of bads) {
      const r = await staff.post("/chapters/new", { kind: "chapter", status: "active", ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
    }
    expect(await count()).toBe(before);
  });

  it("edits one, audited with before and after; chapter roles cannot", async () => {
    const id = (
      await db.selectFrom("chapters").select("id").where("name", "=", "Senegal Chapter").executeTakeFirstOrThrow()
    ).id;
    const edit = { name: "Senegal Chapter", jurisdiction: "SN", kind: "sig", status: "inactive", region: "global" };
    expect((await lead.post(`/chapters/${id}/edit`, edit)).status).toBe(403);
    expect((await staff.post(`/chapters/${id}/edit`, edit)).status).toBe(302);
    expect(await db.selectFrom("chapters").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).toMatchObject({
      kind: "sig",
      status: "inactive",
      region: "global",
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "chapter.update")
      .where("entity_id", "=", String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ status: "active", region: "africa" });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ status: "inactive", region: "global" });
    expect((await lead.post("/chapters/new", { ...edit, name: "Lead's chapter" })).status).toBe(403);
  });
});

describe("chapter members", () => {
  it("a lead invites a member into their own chapter only, whatever role they ask for", async () => {
    const response = await lead.post(`/chapters/${kenya}/members`, {
      intent: "invite",
      email: "New.Member@Example.org",
      name: "New Member",
      role: "chapter_lead",
      locale: "fr",
    });
    expect(response.status).toBe(200);
    const invitation = await db
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "new.member@example.org")
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ role: "chapter_member", chapter_id: kenya, locale: "fr" });
    expect((await lastMailTo("new.member@example.org"))?.template).toBe("invitation");
    const page = await (await lead.get(`/chapters/${kenya}/members`)).text();
    expect(page).toContain("new.member@example.org");
  });

  it("a lead's invitation leaves open invitations of other chapters and of staff roles alone", async () => {
    const email = "wanted.everywhere@example.org";
    const asked = async (client: Client, chapter: number, role: string) =>
      (
        await client.post(`/chapters/${chapter}/members`, {
          intent: "invite",
          email,
          name: "Wanted",
          role,
          locale: "en",
        })
      ).status;
    expect(await asked(staff, nigeria, "chapter_lead")).toBe(200);
    expect(await asked(lead, kenya, "chapter_member")).toBe(200);
    const open = await db
      .selectFrom("invitations")
      .select(["chapter_id", "role"])
      .where("email", "=", email)
      .where("revoked_at", "is", null)
      .orderBy("id")
      .execute();
    expect(open).toEqual([
      { chapter_id: nigeria, role: "chapter_lead" },
      { chapter_id: kenya, role: "chapter_member" },
    ]);
    // Staff still replace any earlier invitation of the address.
    expect(await asked(staff, kenya, "chapter_member")).toBe(200);
    const after = await db
      .selectFrom("invitations")
      .select("chapter_id")
      .where("email", "=", email)
      .where("revoked_at", "is", null)
      .execute();
    expect(after).toEqual([{ chapter_id: kenya }]);
  });

  it("a lead never touches another chapter (403) and writes nothing there", async () => {
    const other = await insertTestUser("chapter_member", nigeria);
    expect((await lead.get(`/chapters/${nigeria}/members`)).status).toBe(403);
    expect(
      (await lead.post(`/chapters/${nigeria}/members`, { intent: "remove", userId: String(other.id), confirm: "yes" }))
        .status,
    ).toBe(403);
    expect(
      (
        await lead.post(`/chapters/${nigeria}/members`, {
          intent: "invite",
          email: "sneaky@example.org",
          name: "Sneaky",
          locale: "en",
        })
      ).status,
    ).toBe(403);
    // Nor through their own chapter's page.
    expect(
      (await lead.post(`/chapters/${kenya}/members`, { intent: "remove", userId: String(other.id), confirm: "yes" }))
        .status,
    ).toBe(400);
    expect(
      await db
        .selectFrom("users")
        .select(["chapter_id", "status"])
        .where("id", "=", other.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ chapter_id: nigeria, status: "active" });
    expect(
      await db.selectFrom("invitations").select("id").where("email", "=", "sneaky@example.org").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("members and other roles cannot manage members", async () => {
    const member = await signedIn(DEMO.chapter_member);
    const rep = await signedIn(DEMO.coalition_member);
    expect((await member.get(`/chapters/${kenya}/members`)).status).toBe(403);
    expect(
      (
        await rep.post(`/chapters/${kenya}/members`, {
          intent: "invite",
          email: "x1@example.org",
          name: "X",
          locale: "en",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await new Client(server.url, "10.42.9.3").post(`/chapters/${kenya}/members`, {
          intent: "invite",
          email: "x2@example.org",
          name: "X",
          locale: "en",
        })
      ).status,
    ).toBe(302);
  });

  it("removal needs the confirmation, closes the account, and leaves the logged actions to the chapter", async () => {
    const gone = await insertTestUser("chapter_member", kenya);
    const client = await signedIn(gone.email);
    expect(
      (
        await client.post("/actions/new", {
          kind: "training",
          occurredOn: "2026-05-05",
          description: "Trained before leaving.",
        })
      ).status,
    ).toBe(302);
    const action = await db
      .selectFrom("advocacy_actions")
      .selectAll()
      .where("logged_by", "=", gone.id)
      .executeTakeFirstOrThrow();

    expect((await lead.post(`/chapters/${kenya}/members`, { intent: "remove", userId: String(gone.id) })).status).toBe(
      400,
    );
    expect(
      (await db.selectFrom("users").select("chapter_id").where("id", "=", gone.id).executeTakeFirstOrThrow())
        .chapter_id,
    ).toBe(kenya);

    expect(
      (await lead.post(`/chapters/${kenya}/members`, { intent: "remove", userId: String(gone.id), confirm: "yes" }))
        .status,
    ).toBe(200);
    expect(
      await db.selectFrom("users").select(["chapter_id", "status"]).where("id", "=", gone.id).executeTakeFirstOrThrow(),
    ).toEqual({ chapter_id: null, status: "deactivated" });
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", gone.id).execute()).toEqual([]);
    expect(
      await db
        .selectFrom("advocacy_actions")
        .select(["chapter_id", "logged_by"])
        .where("id", "=", action.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ chapter_id: kenya, logged_by: gone.id });
    // Their session is gone: the edit page sends them to sign in.
    expect((await client.get(`/actions/${action.id}/edit`)).status).toBe(302);
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "chapter.member_remove")
      .where("entity_id", "=", String(kenya))
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("a lead cannot remove a lead or themselves; staff can remove a lead", async () => {
    const otherLead = await insertTestUser("chapter_lead", kenya);
    const self = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", DEMO.chapter_lead)
      .executeTakeFirstOrThrow();
    expect(
      (
        await lead.post(`/chapters/${kenya}/members`, {
          intent: "remove",
          userId: String(otherLead.id),
          confirm: "yes",
        })
      ).status,
    ).toBe(400);
    expect(
      (await lead.post(`/chapters/${kenya}/members`, { intent: "remove", userId: String(self.id), confirm: "yes" }))
        .status,
    ).toBe(400);
    expect(
      (await db.selectFrom("users").select("status").where("id", "=", otherLead.id).executeTakeFirstOrThrow()).status,
    ).toBe("active");
    expect(
      (
        await staff.post(`/chapters/${kenya}/members`, {
          intent: "remove",
          userId: String(otherLead.id),
          confirm: "yes",
        })
      ).status,
    ).toBe(200);
    expect(
      (await db.selectFrom("users").select("status").where("id", "=", otherLead.id).executeTakeFirstOrThrow()).status,
    ).toBe("deactivated");
  });
});

describe("the chapter page", () => {
  it("sums accepted actions per kind and year, and shows the public only accepted ones", async () => {
    const created = await staff.post("/chapters/new", {
      name: "Summary Chapter",
      jurisdiction: "GB",
      kind: "chapter",
      status: "active",
    });
    const id = Number(created.headers.get("location")!.split("/").pop());
    const rows = [
      ["meeting", "2025-01-05", "accepted", "Meeting A"],
      ["meeting", "2025-06-05", "accepted", "Meeting B"],
      ["media", "2025-07-05", "accepted", "Media C"],
      ["media", "2026-02-05", "accepted", "Media D"],
      ["meeting", "2026-03-05", "pending", "Pending E"],
      ["media", "2026-04-05", "withdrawn", "Withdrawn F"],
    ] as const;
    for (const [kind, on, status, description] of rows) {
      await insertAdvocacyAction({ chapter_id: id, kind, occurred_on: on, review_status: status, description });
    }
    const html = await (await new Client(server.url, "10.42.9.4").get(`/chapters/${id}`)).text();
    expect(html).toContain("Accepted actions per year");
    expect(html).toContain('<th scope="col">Kind of action</th><th scope="col">2026</th><th scope="col">2025</th>');
    expect(html).toContain('<th scope="row">Meeting</th><td>0</td><td>2</td>');
    expect(html).toContain('<th scope="row">Media</th><td>1</td><td>1</td>');
    expect(html).toContain('<th scope="row">Total</th><td>1</td><td>3</td>');
    expect(html).toContain("Meeting A");
    expect(html).not.toContain("Pending E");
    expect(html).not.toContain("Withdrawn F");
    const fr = await (
      await new Client(server.url, "10.42.9.5").get(`/chapters/${id}`, { "Accept-Language": "fr" })
    ).text();
    expect(fr).toContain("Actions acceptées par année");
    expect(fr).toContain('<th scope="row">Rencontre</th><td>0</td><td>2</td>');
    // Staff see every state; the UK's tracked threats are listed with links.
    const staffView = await (await staff.get(`/chapters/${id}`)).text();
    expect(staffView).toContain("Pending E");
    expect(staffView).toContain("Withdrawn F");
    expect(staffView).toMatch(/href="\/threats\/gb-online-safety-bill-\d{4}"/);
  });

  it("sends the public neither who logged an accepted action nor the staff's review comment", async () => {
    const logger = await insertTestUser("chapter_member", nigeria);
    const loggerName = "Amara Quietlogger";
    await db.updateTable("users").set({ name: loggerName }).where("id", "=", logger.id).execute();
    await insertAdvocacyAction({
      chapter_id: nigeria,
      logged_by: logger.id,
      review_status: "accepted",
      review_comment: "Internal note: double-check with the ministry",
      description: "Accepted action with a private review note",
    });
    const html = await (await new Client(server.url, "10.42.9.6").get(`/chapters/${nigeria}`)).text();
    expect(html).toContain("Accepted action with a private review note");
    // The page's data travels inside the HTML too: nothing private may be in it.
    expect(html).not.toContain("Internal note: double-check with the ministry");
    expect(html).not.toContain(loggerName);
    const inside = await (await staff.get(`/chapters/${nigeria}`)).text();
    expect(inside).toContain(loggerName);
  });

  it("shows its people every state of their chapter's actions, and others only accepted ones", async () => {
    const member = await signedIn(DEMO.chapter_member);
    const inside = await (await member.get(`/chapters/${kenya}`)).text();
    expect(inside).toContain("Briefed the clerk of the parliamentary ICT committee");
    expect(inside).toContain("Changes requested");
    const rep = await signedIn(DEMO.coalition_member);
    const outside = await (await rep.get(`/chapters/${kenya}`)).text();
    expect(outside).not.toContain("Briefed the clerk of the parliamentary ICT committee");
    expect(outside).toContain("Published an Internet impact assessment");
  });
});
