/**
 * The advocacy log through the real HTTP stack: who may log and edit what, validation that writes
 * nothing, hostile input, the review transitions and their e-mail, withdrawal, and the threat
 * page's lists of accepted actions and letter campaigns.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { insertAdvocacyAction } from "../support/advocacy-factory";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
const clients: Record<"staff" | "lead" | "member" | "rep", Client> = {} as never;
let member: User;
let rep: User;
let kenya: number;
let nigeria: number;
let threat: { id: number; slug: string };
let ip = 1;

async function signedIn(email: string): Promise<Client> {
  const client = new Client(server.url, `10.41.0.${ip++}`);
  await client.login(email);
  return client;
}

const user = (email: string) => db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();

beforeAll(async () => {
  server = await startTestServer();
  [member, , rep] = await Promise.all([
    user(DEMO.chapter_member),
    user(DEMO.chapter_lead),
    user(DEMO.coalition_member),
  ]);
  kenya = member.chapter_id!;
  nigeria = (
    await db.selectFrom("chapters").select("id").where("name", "=", "Nigeria Chapter").executeTakeFirstOrThrow()
  ).id;
  threat = await db
    .selectFrom("threats")
    .select(["id", "slug"])
    .where("short_name", "=", "ITU New IP")
    .executeTakeFirstOrThrow();
  clients.staff = await signedIn(DEMO.staff);
  clients.lead = await signedIn(DEMO.chapter_lead);
  clients.member = await signedIn(DEMO.chapter_member);
  clients.rep = await signedIn(DEMO.coalition_member);
});
afterAll(() => server.close());

const valid = (overrides: Record<string, string> = {}) => ({
  kind: "meeting",
  occurredOn: "2026-03-03",
  description: "Met the committee clerk about lawful access.",
  policymakers: "ICT committee",
  threatId: String(threat.id),
  outcome: "Asked for a brief.",
  evidenceUrl: "https://example.org/minutes",
  ...overrides,
});

const countActions = async () =>
  Number(
    (
      await db
        .selectFrom("advocacy_actions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function logAs(client: Client, overrides: Record<string, string> = {}): Promise<number> {
  const response = await client.post("/actions/new", valid(overrides));
  expect(response.status).toBe(302);
  const row = await db.selectFrom("advocacy_actions").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  return row.id;
}

const getAction = (id: number) =>
  db.selectFrom("advocacy_actions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const insertAction = (values: { chapter_id?: number; coalition_member_id?: number }) => insertAdvocacyAction(values);

describe("logging an action", () => {
  it("a chapter member logs one for their chapter, pending and audited, shown in their log", async () => {
    const id = await logAs(clients.member, { description: "Logged by the member for the log test." });
    const row = await getAction(id);
    expect(row).toMatchObject({
      chapter_id: kenya,
      coalition_member_id: null,
      logged_by: member.id,
      review_status: "pending",
      threat_id: threat.id,
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "advocacy_action")
      .where("entity_id", "=", String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain("advocacy_action.create");
    const html = await (await clients.member.get("/actions")).text();
    expect(html).toContain("Logged by the member for the log test.");
    expect(html).toContain("Waiting for review");
  });

  it("a representative logs one for their organisation", async () => {
    const id = await logAs(clients.rep, { description: "Logged for the organisation." });
    expect(await getAction(id)).toMatchObject({
      chapter_id: null,
      coalition_member_id: rep.coalition_member_id,
      logged_by: rep.id,
    });
  });

  it("refuses a representative whose organisation is suspended, writing nothing", async () => {
    const orgId = rep.coalition_member_id!;
    await db.updateTable("coalition_members").set({ status: "suspended" }).where("id", "=", orgId).execute();
    try {
      const before = await countActions();
      const response = await clients.rep.post("/actions/new", valid({ description: "From a suspended member." }));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("not an active coalition member");
      expect(await countActions()).toBe(before);
    } finally {
      await db.updateTable("coalition_members").set({ status: "active" }).where("id", "=", orgId).execute();
    }
  });

  it("refuses bad input with a 400 and writes nothing", async () => {
    const before = await countActions();
    const bad: Array<Record<string, string>> = [
      { kind: "bribery" },
      { occurredOn: "2026-02-30" },
      { occurredOn: "yesterday" },
      { description: "" },
      { description: "x".repeat(5001) },
      { evidenceUrl: "javascript:alert(1)" },
      { evidenceUrl: "ftp://example.org/file" },
      { threatId: "999999" },
      { threatId: "1 OR 1=1" },
      { policymakers: "bad\u0000byte" },
    ];
    for (const overrides of bad) {
      const response = await clients.member.post("/actions/new", valid(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
    }
    expect(await countActions()).toBe(before);
  });

  it("refuses an action dated after today anywhere on Earth, and accepts today's", async () => {
    const before = await countActions();
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const refused = await clients.member.post("/actions/new", valid({ occurredOn: inThreeDays }));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("An action cannot be dated in the future");
    expect(await countActions()).toBe(before);
    await logAs(clients.member, { occurredOn: new Date().toISOString().slice(0, 10) });
    expect(await countActions()).toBe(before + 1);
  });

  it("stores hostile text as typed and shows it escaped", async () => {
    const hostile = `<script>alert("x")</script> '; DROP TABLE users; -- ✊🏾 مرحبا`;
    const id = await logAs(clients.member, { description: hostile, policymakers: "Line one\r\nLine two" });
    expect((await getAction(id)).description).toBe(hostile);
    const html = await (await clients.member.get("/actions")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert");
    expect(await db.selectFrom("users").select("id").where("id", "=", member.id).executeTakeFirst()).toBeDefined();
  });

  it("is for chapter people and representatives only", async () => {
    const before = await countActions();
    expect((await clients.staff.post("/actions/new", valid())).status).toBe(403);
    expect((await new Client(server.url, "10.41.9.9").post("/actions/new", valid())).status).toBe(302);
    expect(await countActions()).toBe(before);
  });
});

describe("editing: each role within its scope", () => {
  it("a member edits their own action; editing a reviewed one sends it back to pending", async () => {
    const id = await logAs(clients.member);
    await db.updateTable("advocacy_actions").set({ review_status: "accepted" }).where("id", "=", id).execute();
    const response = await clients.member.post(`/actions/${id}/edit`, valid({ description: "Edited by the member." }));
    expect(response.status).toBe(302);
    expect(await getAction(id)).toMatchObject({ description: "Edited by the member.", review_status: "pending" });
  });

  it("a member cannot edit the lead's action; the lead edits any of the chapter's", async () => {
    const leads = await logAs(clients.lead, { description: "The lead's own." });
    expect((await clients.member.get(`/actions/${leads}/edit`)).status).toBe(403);
    expect((await clients.member.post(`/actions/${leads}/edit`, valid({ description: "Hijacked" }))).status).toBe(403);
    expect((await getAction(leads)).description).toBe("The lead's own.");
    const members = await logAs(clients.member);
    expect(
      (await clients.lead.post(`/actions/${members}/edit`, valid({ description: "Fixed by the lead." }))).status,
    ).toBe(302);
    expect((await getAction(members)).description).toBe("Fixed by the lead.");
  });

  it("a lead cannot touch another chapter's actions", async () => {
    const other = await insertAction({ chapter_id: nigeria });
    expect((await clients.lead.get(`/actions/${other}/edit`)).status).toBe(403);
    expect((await clients.lead.post(`/actions/${other}/edit`, valid({ description: "Nope" }))).status).toBe(403);
    expect((await clients.lead.post(`/actions/${other}/edit`, { intent: "withdraw", confirm: "yes" })).status).toBe(
      403,
    );
    expect(await getAction(other)).toMatchObject({ description: "Somebody else's action", review_status: "pending" });
  });

  it("a representative edits only their organisation's actions", async () => {
    const own = await logAs(clients.rep);
    expect((await clients.rep.post(`/actions/${own}/edit`, valid({ description: "Org edit." }))).status).toBe(302);
    const otherOrg = (
      await db
        .selectFrom("coalition_members")
        .select("id")
        .where("id", "!=", rep.coalition_member_id!)
        .executeTakeFirstOrThrow()
    ).id;
    const foreign = await insertAction({ coalition_member_id: otherOrg });
    const kenyan = await insertAction({ chapter_id: kenya });
    for (const id of [foreign, kenyan]) {
      expect((await clients.rep.post(`/actions/${id}/edit`, valid({ description: "Nope" }))).status).toBe(403);
      expect((await getAction(id)).description).toBe("Somebody else's action");
    }
    expect((await clients.member.get(`/actions/${own}/edit`)).status).toBe(403);
  });

  it("staff review but never edit; the signed-out are sent to sign in", async () => {
    const id = await logAs(clients.member);
    expect((await clients.staff.post(`/actions/${id}/edit`, valid({ description: "Staff" }))).status).toBe(403);
    const anonymous = await new Client(server.url, "10.41.9.8").post(`/actions/${id}/edit`, valid());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await getAction(id)).description).toBe(valid().description);
  });

  it("a bad edit is a 400 that changes nothing", async () => {
    const id = await logAs(clients.member);
    expect((await clients.member.post(`/actions/${id}/edit`, valid({ evidenceUrl: "data:text/html,hi" }))).status).toBe(
      400,
    );
    expect((await getAction(id)).evidence_url).toBe("https://example.org/minutes");
  });
});

describe("withdrawing", () => {
  it("needs the confirmation, keeps the row, stops counting it and freezes it", async () => {
    const id = await logAs(clients.member, { description: "Withdrawn later by the member." });
    await db.updateTable("advocacy_actions").set({ review_status: "accepted" }).where("id", "=", id).execute();
    expect(await (await new Client(server.url, "10.41.9.3").get(`/chapters/${kenya}`)).text()).toContain(
      "Withdrawn later by the member.",
    );
    expect((await clients.member.post(`/actions/${id}/edit`, { intent: "withdraw" })).status).toBe(400);
    expect((await getAction(id)).review_status).toBe("accepted");
    const response = await clients.member.post(`/actions/${id}/edit`, { intent: "withdraw", confirm: "yes" });
    expect(response.status).toBe(302);
    expect((await getAction(id)).review_status).toBe("withdrawn");
    expect((await clients.member.post(`/actions/${id}/edit`, valid({ description: "Back again?" }))).status).toBe(400);
    expect((await getAction(id)).review_status).toBe("withdrawn");
    const publicPage = await (await new Client(server.url, "10.41.9.7").get(`/chapters/${kenya}`)).text();
    expect(publicPage).not.toContain("Withdrawn later by the member.");
    const insiderPage = await (await clients.lead.get(`/chapters/${kenya}`)).text();
    expect(insiderPage).toContain("Withdrawn later by the member.");
  });
});

describe("staff review", () => {
  it("accepts a pending action, audited, with no mail", async () => {
    const id = await logAs(clients.member, { description: "To be accepted." });
    const mailsBefore = await db.selectFrom("outbox").select("id").where("template", "=", "action-reviewed").execute();
    const response = await clients.staff.post("/staff/actions", { actionId: String(id), decision: "accepted" });
    expect(response.status).toBe(200);
    expect(await getAction(id)).toMatchObject({ review_status: "accepted", reviewed_by: expect.any(Number) });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", String(id))
      .where("entity_type", "=", "advocacy_action")
      .execute();
    expect(audit.map((a) => a.action)).toContain("advocacy_action.accepted");
    const mailsAfter = await db.selectFrom("outbox").select("id").where("template", "=", "action-reviewed").execute();
    expect(mailsAfter.length).toBe(mailsBefore.length);
    // Reviewed already: a second decision is refused.
    expect(
      (await clients.staff.post("/staff/actions", { actionId: String(id), decision: "needs_changes", comment: "Late" }))
        .status,
    ).toBe(400);
    expect((await getAction(id)).review_status).toBe("accepted");
  });

  it("asks for changes only with a comment, and mails the logger in their language", async () => {
    const id = await logAs(clients.member, { occurredOn: "2026-03-12" });
    const noComment = await clients.staff.post("/staff/actions", { actionId: String(id), decision: "needs_changes" });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain("Say what should change.");
    expect((await getAction(id)).review_status).toBe("pending");

    const response = await clients.staff.post("/staff/actions", {
      actionId: String(id),
      decision: "needs_changes",
      comment: "Please link the <minutes>.",
    });
    expect(response.status).toBe(200);
    expect(await getAction(id)).toMatchObject({
      review_status: "needs_changes",
      review_comment: "Please link the <minutes>.",
    });
    const mail = await lastMailTo(DEMO.chapter_member);
    expect(mail).toMatchObject({ template: "action-reviewed" });
    expect(mail!.subject).toMatch(/Changes requested|Modifications demandées/);
    expect(mail!.text).toContain("Please link the <minutes>.");
    expect(mail!.text).toContain(`/actions/${id}/edit`);
    expect(mail!.html).toContain("Please link the &lt;minutes&gt;.");

    // The member sees the request, edits, and the action is back in the queue.
    const edit = await (await clients.member.get(`/actions/${id}/edit`)).text();
    expect(edit).toContain("Please link the &lt;minutes&gt;.");
    expect(
      (await clients.member.post(`/actions/${id}/edit`, valid({ evidenceUrl: "https://example.org/the-minutes" })))
        .status,
    ).toBe(302);
    expect((await getAction(id)).review_status).toBe("pending");
    const queue = await (await clients.staff.get("/staff/actions")).text();
    expect(queue).toContain("https://example.org/the-minutes");
  });

  it("is staff work only", async () => {
    const id = await logAs(clients.member);
    for (const who of ["lead", "member", "rep"] as const) {
      expect((await clients[who].post("/staff/actions", { actionId: String(id), decision: "accepted" })).status).toBe(
        403,
      );
    }
    expect((await getAction(id)).review_status).toBe("pending");
  });

  it("filters the queue by state, kind, chapter and year", async () => {
    const html = await (await clients.staff.get(`/staff/actions?status=accepted&chapter=${nigeria}&year=2025`)).text();
    expect(html).toContain("Co-signed and circulated the coalition");
    expect(html).not.toContain("Met the delegation preparing the ITU Council");
    const kinds = await (await clients.staff.get("/staff/actions?status=accepted&kind=amicus_brief")).text();
    expect(kinds).toContain("Technical annex on end-to-end encryption");
    expect(kinds).not.toContain("Co-signed and circulated");
  });
});

describe("the threat page", () => {
  it("lists accepted advocacy on the threat, not pending ones", async () => {
    const accepted = await logAs(clients.member, {
      description: "x",
      outcome: "Delegation changed its position.",
      evidenceUrl: "https://example.org/proof-accepted",
    });
    await logAs(clients.member, {
      description: "y",
      outcome: "Still pending outcome.",
      evidenceUrl: "https://example.org/proof-pending",
    });
    await clients.staff.post("/staff/actions", { actionId: String(accepted), decision: "accepted" });
    const html = await (await new Client(server.url, "10.41.9.6").get(`/threats/${threat.slug}`)).text();
    expect(html).toContain("Advocacy on this threat");
    expect(html).toContain("Delegation changed its position.");
    expect(html).toContain("https://example.org/proof-accepted");
    expect(html).toContain(`/chapters/${kenya}`);
    expect(html).not.toContain("Still pending outcome.");
    expect(html).not.toContain("https://example.org/proof-pending");
  });

  it("names a coalition member only if it agreed to be listed", async () => {
    const [listed, unlisted] = await db
      .selectFrom("coalition_members")
      .select(["id", "name"])
      .where("status", "=", "active")
      .orderBy("id")
      .limit(2)
      .execute();
    await db.updateTable("coalition_members").set({ public_listing: 0 }).where("id", "=", unlisted.id).execute();
    for (const member of [listed, unlisted]) {
      await insertAdvocacyAction({ coalition_member_id: member.id, threat_id: threat.id, review_status: "accepted" });
    }
    const html = await (await new Client(server.url, "10.41.9.2").get(`/threats/${threat.slug}`)).text();
    expect(html).toContain(`href="/coalition/${listed.id}"`);
    expect(html).not.toContain(`href="/coalition/${unlisted.id}"`);
    expect(html).not.toContain(unlisted.name);
    expect(html).toContain("A coalition member");
  });

  it("lists the letter campaigns on it in the reader's language, never drafts", async () => {
    const now = new Date().toISOString();
    const stamps = { created_at: now, updated_at: now };
    const campaign = async (
      slug: string,
      status: "draft" | "open" | "paused" | "closed",
      titles: Record<string, string>,
    ) => {
      const { id } = await db
        .insertInto("letter_campaigns")
        .values({
          slug,
          threat_id: threat.id,
          status,
          target_mode: "rule",
          rule_jurisdiction_code: null,
          rule_body: null,
          rule_constituencies: null,
          sender_picks_constituency: 0,
          fallback_lawmaker_id: null,
          sending_address: "letters@example.org",
          created_by: null,
          opened_at: null,
          closed_at: null,
          ...stamps,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const [language, title] of Object.entries(titles)) {
        await db
          .insertInto("campaign_templates")
          .values({
            campaign_id: id,
            language,
            title,
            introduction: "i",
            subject_variants: "[]",
            body_template: "b",
            ...stamps,
          })
          .execute();
      }
    };
    await campaign("itu-open", "open", { en: "Write to your delegate", fr: "Écrivez à votre délégué" });
    await campaign("itu-closed", "closed", { en: "An English-only campaign" });
    await campaign("itu-draft", "draft", { en: "A draft campaign" });
    const en = await (await new Client(server.url, "10.41.9.5").get(`/threats/${threat.slug}`)).text();
    expect(en).toContain('href="/campaigns/itu-open"');
    expect(en).toContain("Write to your delegate");
    expect(en).toContain("An English-only campaign");
    expect(en).not.toContain("A draft campaign");
    const fr = await (
      await new Client(server.url, "10.41.9.4").get(`/threats/${threat.slug}`, { "Accept-Language": "fr" })
    ).text();
    expect(fr).toContain("Écrivez à votre délégué");
    expect(fr).toContain("An English-only campaign");
  });
});
