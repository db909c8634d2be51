/**
 * A representative's change of their organisation's public name or website waits for staff
 * approval, and organisation names are unique once folded for case and accents, in every path
 * that creates or renames a member.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveApplication } from "../../app/features/coalition/applications.server";
import { checkImport } from "../../app/features/coalition/import.server";
import { foldName } from "../../app/lib/search";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";
import { createOpenLetter } from "../support/optin-fixtures";

let server: TestServer;
let rep: Client;
let staff: Client;
let ownId: number;
let otherId: number;
let staffUser: User;

const APPROVED = "Open Networks Foundation (demo)";
const APPROVED_WEBSITE = "https://example.org/open-networks";

async function member(id: number) {
  return db.selectFrom("coalition_members").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

const profile = (overrides: Record<string, string> = {}) => ({
  name: APPROVED,
  sector: "civil_society",
  jurisdiction: "DE",
  website: APPROVED_WEBSITE,
  publicProfile: "A demo member organisation that defends end-to-end encryption.",
  ...overrides,
});

const openLetter = () => createOpenLetter({ slugPrefix: "name-change-letter", title: "Names matter" });

async function staffRestore() {
  // Back to the approved name and website, as staff (applies at once), with no pending request.
  await db
    .updateTable("coalition_member_changes")
    .set({ status: "withdrawn" })
    .where("status", "=", "pending")
    .execute();
  expect((await staff.post(`/coalition/${ownId}/edit`, profile())).status).toBe(302);
}

beforeAll(async () => {
  server = await startTestServer();
  rep = new Client(server.url, "10.61.0.1");
  staff = new Client(server.url, "10.61.0.2");
  await rep.login(DEMO.coalition_member);
  await staff.login(DEMO.staff);
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
  staffUser = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
});
afterAll(() => server.close());

describe("a representative's change of name or website", () => {
  it("waits for review: the directory, the API and new signatures keep the approved name", async () => {
    const response = await rep.post(
      `/coalition/${ownId}/edit`,
      profile({ name: "Amnesty International", website: "https://amnesty.example", publicProfile: "New text." }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/coalition/${ownId}/edit`);

    const row = await member(ownId);
    expect(row.name).toBe(APPROVED);
    expect(row.website).toBe(APPROVED_WEBSITE);
    // The other fields apply at once.
    expect(row.public_profile).toBe("New text.");

    const change = await db
      .selectFrom("coalition_member_changes")
      .selectAll()
      .where("member_id", "=", ownId)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    expect(change).toMatchObject({
      name: "Amnesty International",
      website_changed: 1,
      website: "https://amnesty.example",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "member.change_request")
      .where("entity_id", "=", String(ownId))
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain("Amnesty International");

    const edit = await (await rep.get(`/coalition/${ownId}/edit`)).text();
    expect(edit).toContain("Awaiting review.");
    expect(edit).toContain("Amnesty International");

    const anonymous = new Client(server.url, "10.61.0.3");
    const directory = await (await anonymous.get("/coalition?q=open+networks")).text();
    expect(directory).toContain(APPROVED);
    expect(directory).not.toContain("Amnesty International");
    const page = await (await anonymous.get(`/coalition/${ownId}`)).text();
    expect(page).toContain(APPROVED);
    expect(page).not.toContain("Amnesty International");
    expect(page).not.toContain("amnesty.example");
    const api = (await (await anonymous.get("/api/v1/coalition/members?per_page=100")).json()) as {
      data: Array<{ name: string; website: string | null }>;
    };
    expect(api.data.map((m) => m.name)).toContain(APPROVED);
    expect(api.data.map((m) => m.name)).not.toContain("Amnesty International");

    const letter = await openLetter();
    expect((await rep.post(`/letters/${letter.slug}/sign`, { intent: "organisation" })).status).toBe(303);
    const signature = await db
      .selectFrom("signatures")
      .select("name")
      .where("letter_id", "=", letter.id)
      .executeTakeFirstOrThrow();
    expect(signature.name).toBe(APPROVED);
    const letterPage = await (await anonymous.get(`/letters/${letter.slug}`)).text();
    expect(letterPage).toContain(APPROVED);
    expect(letterPage).not.toContain("Amnesty International");
  });

  it("is in the staff queue; rejecting it keeps the name and mails the comment", async () => {
    const queue = await (await staff.get("/staff/name-changes")).text();
    expect(queue).toContain("Amnesty International");
    expect(await (await staff.get("/staff")).text()).toContain('href="/staff/name-changes"');
    const change = await db
      .selectFrom("coalition_member_changes")
      .select("id")
      .where("member_id", "=", ownId)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    // Not for representatives.
    expect((await rep.get("/staff/name-changes")).status).toBe(403);
    expect((await rep.post("/staff/name-changes", { changeId: String(change.id), decision: "approve" })).status).toBe(
      403,
    );

    const response = await staff.post("/staff/name-changes", {
      changeId: String(change.id),
      decision: "reject",
      comment: "This is another organisation's name.",
    });
    expect(response.status).toBe(200);
    expect((await member(ownId)).name).toBe(APPROVED);
    const mail = (await lastMailTo(DEMO.coalition_member))!;
    expect(mail.template).toBe("member-change-reviewed");
    expect(mail.subject).toContain("not approved");
    expect(mail.text).toContain("This is another organisation's name.");
    expect(await (await rep.get(`/coalition/${ownId}/edit`)).text()).not.toContain("Awaiting review.");
  });

  it("once approved, reaches the directory and later signatures", async () => {
    expect(
      (await rep.post(`/coalition/${ownId}/edit`, profile({ name: "Open Networks Stiftung", website: "" }))).status,
    ).toBe(302);
    const change = await db
      .selectFrom("coalition_member_changes")
      .select("id")
      .where("member_id", "=", ownId)
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const response = await staff.post("/staff/name-changes", { changeId: String(change.id), decision: "approve" });
    expect(response.status).toBe(200);
    const row = await member(ownId);
    expect(row).toMatchObject({ name: "Open Networks Stiftung", name_folded: "open networks stiftung", website: null });
    expect(await (await new Client(server.url, "10.61.0.4").get(`/coalition/${ownId}`)).text()).toContain(
      "Open Networks Stiftung",
    );
    const mail = (await lastMailTo(DEMO.coalition_member))!;
    expect(mail.subject).toBe("Your profile change is approved: Open Networks Stiftung");
    // A decided change cannot be decided again.
    expect((await staff.post("/staff/name-changes", { changeId: String(change.id), decision: "reject" })).status).toBe(
      400,
    );
    await staffRestore();
  });

  it("saving the approved name and website again withdraws the request", async () => {
    await rep.post(`/coalition/${ownId}/edit`, profile({ name: "Open Networks Collective" }));
    expect(await (await rep.get(`/coalition/${ownId}/edit`)).text()).toContain("Awaiting review.");
    await rep.post(`/coalition/${ownId}/edit`, profile());
    const pending = await db
      .selectFrom("coalition_member_changes")
      .select("id")
      .where("member_id", "=", ownId)
      .where("status", "=", "pending")
      .execute();
    expect(pending).toEqual([]);
  });

  it("is refused when the name folds like another member's approved or requested name, in English and French", async () => {
    const before = await member(ownId);
    const taken = await rep.post(`/coalition/${ownId}/edit`, profile({ name: "  SÉCUREMAIL   co. (Demo) " }));
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Another member of the coalition already has this name");

    // Another member has asked for "Électronique Libre".
    const now = new Date().toISOString();
    await db
      .insertInto("coalition_member_changes")
      .values({
        member_id: otherId,
        requested_by: null,
        name: "Électronique Libre",
        name_folded: foldName("Électronique Libre"),
        website_changed: 0,
        website: null,
        previous_name: "SecureMail Co. (demo)",
        previous_website: null,
        status: "pending",
        reviewed_by: null,
        reviewed_at: null,
        review_comment: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const french = new Client(server.url, "10.61.0.5");
    await french.login(DEMO.coalition_member);
    await french.post("/locale", { locale: "fr", redirectTo: "/" });
    const pendingClash = await french.post(`/coalition/${ownId}/edit`, profile({ name: "electronique libre" }));
    expect(pendingClash.status).toBe(400);
    expect(await pendingClash.text()).toContain("Un autre membre de la coalition porte déjà ce nom");
    expect(await member(ownId)).toEqual(before);
    expect(
      await db
        .selectFrom("coalition_member_changes")
        .select("id")
        .where("member_id", "=", ownId)
        .where("status", "=", "pending")
        .execute(),
    ).toEqual([]);
    await db
      .updateTable("coalition_member_changes")
      .set({ status: "withdrawn" })
      .where("member_id", "=", otherId)
      .execute();
  });
});

describe("staff edits", () => {
  it("apply at once, and are refused for a name another member has once folded", async () => {
    expect((await staff.post(`/coalition/${ownId}/edit`, profile({ name: "Open Networks e.V." }))).status).toBe(302);
    expect((await member(ownId)).name).toBe("Open Networks e.V.");
    const clash = await staff.post(`/coalition/${ownId}/edit`, profile({ name: "securemail co. (demo)" }));
    expect(clash.status).toBe(400);
    expect(await clash.text()).toContain("Another member of the coalition already has this name");
    expect((await member(ownId)).name).toBe("Open Networks e.V.");
    await staffRestore();
  });
});

describe("unique names once folded", () => {
  it("every member has its folded name, and the database refuses a second one", async () => {
    const rows = await db.selectFrom("coalition_members").select(["name", "name_folded"]).execute();
    for (const row of rows) expect(row.name_folded).toBe(foldName(row.name));
    expect(foldName("  Électronique\u00a0 LIBRE ")).toBe("electronique libre");
    const now = new Date().toISOString();
    await expect(
      db
        .insertInto("coalition_members")
        .values({
          name: "SECUREMAIL CO. (DEMO)",
          name_folded: foldName("SECUREMAIL CO. (DEMO)"),
          sector: "industry",
          jurisdiction_code: "DE",
          status: "active",
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("an application for a name a member has cannot be approved, and stays in the queue", async () => {
    const now = new Date().toISOString();
    const application = await db
      .insertInto("coalition_applications")
      .values({
        kind: "organisation",
        name: "Sécuremail Co. (demo)",
        sector: "industry",
        jurisdiction_code: "DE",
        website: null,
        contact_name: "Copy Cat",
        contact_email: "copycat@example.net",
        motivation: "We like the name.",
        consent_public: 1,
        locale: "en",
        status: "pending",
        confirm_token_hash: `hash-${Date.now()}`,
        confirmed_at: now,
        reviewed_by: null,
        reviewed_at: null,
        decline_reason: null,
        member_id: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const result = await approveApplication(staffUser, application.id);
    expect(result).toEqual({ ok: false, fieldErrors: { decision: ["applications:validation.nameTaken"] } });
    const page = await staff.post("/staff/applications", {
      applicationId: String(application.id),
      decision: "approve",
    });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("A member of the coalition already has this name");
    const row = await db
      .selectFrom("coalition_applications")
      .select(["status", "member_id"])
      .where("id", "=", application.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "pending", member_id: null });
  });

  it("a CSV import reports a name repeated in the file, or spelled otherwise than a member's, as row errors", async () => {
    const report = await checkImport(
      [
        "name,sector,jurisdiction,website,joined_on,contact_email",
        "Électronique Libre,civil_society,FR,,,",
        "electronique  libre,civil_society,FR,,,",
        "Andés Privacy Lab (demo),academia,BO,,,",
        "SECUREMAIL CO. (DEMO),industry,DE,,,",
      ].join("\n"),
    );
    const byLine = Object.fromEntries(report.rows.map((row) => [row.line, row]));
    expect(byLine[2]).toMatchObject({ action: "create", errors: [] });
    expect(byLine[3]).toMatchObject({ action: "error", errors: ["name.duplicate"], duplicateOf: 2 });
    expect(byLine[4]).toMatchObject({ action: "error", errors: ["name.taken"], similarTo: "Andes Privacy Lab (demo)" });
    // The same name apart from letter case updates the member, as before.
    expect(byLine[5]).toMatchObject({ action: "update", errors: [] });
  });
});
