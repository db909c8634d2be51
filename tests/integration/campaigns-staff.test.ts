/**
 * Staff side of letter campaigns through the real HTTP stack: drafting with validated templates,
 * opening only when ready, audit, staff-only pages, the dashboard and the CSV export.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "192.0.2.241");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

let nextIp = 1;
const visitor = () => {
  const n = nextIp++;
  return new Client(server.url, `10.89.${Math.floor(n / 250)}.${(n % 250) + 1}`);
};

async function campaignCount(): Promise<number> {
  const row = await db
    .selectFrom("letter_campaigns")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function threatId(): Promise<number> {
  return (
    await db
      .selectFrom("threats")
      .select("id")
      .where("jurisdiction_code", "=", "US")
      .orderBy("id")
      .executeTakeFirstOrThrow()
  ).id;
}

function postEntries(client: Client, path: string, entries: Array<[string, string]>) {
  return client.request(path, {
    method: "POST",
    body: new URLSearchParams(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function campaignForm(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    threat: String(await threatId()),
    recipientMode: "rule",
    ruleJurisdiction: "US",
    ruleBody: "Senate",
    ruleConstituencies: "MN",
    sendingAddress: "Letters desk <letters-desk@example.org>",
    "en.title": `Write to your senators ${crypto.randomBytes(3).toString("hex")}`,
    "en.introduction": "Two minutes to defend encryption.",
    "en.subjects": "Oppose the {{threat.title}}\nA constituent on the {{threat.title}}",
    "en.body": "Dear {{lawmaker.title}} {{lawmaker.name}},\n\n{{sender.personal_note}}\n\n{{sender.name}}",
    ...overrides,
  };
}

describe("drafting and opening", () => {
  it("refuses invalid templates and addresses with field errors (400), writing nothing", async () => {
    const before = await campaignCount();
    const cases: Array<[Record<string, string>, string]> = [
      [{ "en.body": "Dear {{lawmaker.nmae}}," }, "“lawmaker.nmae” is not a variable you can use."],
      [{ "en.subjects": "Hello {{sender.name" }, "Two opening braces are not closed"],
      [{ "en.body": "{{#if sender.locality}}x{{/if}}" }, "“#if sender.locality” looks like logic"],
      [{ sendingAddress: "a@example.org, b@example.org" }, "Enter one e-mail address"],
      [{ sendingAddress: "letters@example.org\r\nBcc: x@evil.example" }, "Enter one e-mail address"],
      [
        { "en.title": "", "en.introduction": "", "en.subjects": "", "en.body": "" },
        "Write the campaign in at least one language.",
      ],
      [{ threat: "999999" }, "Choose the threat this campaign is about."],
      [{ ruleJurisdiction: "ZZ" }, "Choose a country or forum from the list."],
    ];
    for (const [overrides, message] of cases) {
      const response = await staff.post("/campaigns/new", await campaignForm(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect(await campaignCount()).toBe(before);
  });

  it("creates a draft, previews it against a target, opens it once ready; every step audited", async () => {
    const form = await campaignForm();
    const created = await staff.post("/campaigns/new", form);
    expect(created.status).toBe(302);
    const manageUrl = created.headers.get("location")!;
    const slug = /^\/campaigns\/([a-z0-9-]+)\/manage$/.exec(manageUrl)?.[1];
    expect(slug).toBeDefined();
    const campaign = await db
      .selectFrom("letter_campaigns")
      .selectAll()
      .where("slug", "=", slug!)
      .executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({
      status: "draft",
      target_mode: "rule",
      rule_jurisdiction_code: "US",
      rule_body: "Senate",
      rule_constituencies: JSON.stringify(["MN"]),
      sending_address: "Letters desk <letters-desk@example.org>",
    });
    const templates = await db
      .selectFrom("campaign_templates")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .execute();
    expect(templates).toHaveLength(1);
    expect(JSON.parse(templates[0].subject_variants)).toEqual([
      "Oppose the {{threat.title}}",
      "A constituent on the {{threat.title}}",
    ]);

    // The draft is not public yet.
    expect((await visitor().get(`/campaigns/${slug}`)).status).toBe(404);
    expect((await visitor().post(`/campaigns/${slug}`, { intent: "preview" })).status).toBe(404);

    // The preview renders against a real target (a Minnesota senator).
    const minnesota = await db
      .selectFrom("lawmakers")
      .select(["id", "name"])
      .where("constituency", "=", "MN")
      .where("body", "=", "Senate")
      .orderBy("name")
      .execute();
    const manage = await (await staff.get(manageUrl)).text();
    expect(manage).toContain(`Dear Senator ${minnesota[0].name},`);
    expect(manage).toContain("Oppose the EARN IT Act");
    const other = await (await staff.get(`${manageUrl}?lawmaker=${minnesota[1].id}`)).text();
    expect(other).toContain(`Dear Senator ${minnesota[1].name},`);

    // Nothing to open without a confirmation.
    expect((await staff.post(manageUrl, { intent: "open" })).status).toBe(400);
    expect((await staff.post(manageUrl, { intent: "open", confirm: "yes" })).status).toBe(302);
    const opened = await db
      .selectFrom("letter_campaigns")
      .selectAll()
      .where("id", "=", campaign.id)
      .executeTakeFirstOrThrow();
    expect(opened.status).toBe("open");
    expect(opened.opened_at).not.toBeNull();
    expect((await visitor().get(`/campaigns/${slug}`)).status).toBe(200);
    const list = await (await visitor().get("/campaigns")).text();
    expect(list).toContain(form["en.title"]);

    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("entity_type", "=", "letter_campaign")
      .where("entity_id", "=", String(campaign.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["campaign.create", "campaign.open"]);
  });

  it("will not open a campaign without targets or fallback", async () => {
    const created = await staff.post("/campaigns/new", await campaignForm({ ruleConstituencies: "NOWHERE-99" }));
    const manageUrl = created.headers.get("location")!;
    const refused = await staff.post(manageUrl, { intent: "open", confirm: "yes" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("No lawmaker matches and there is no fallback lawmaker.");
    const slug = manageUrl.split("/")[2];
    const row = await db
      .selectFrom("letter_campaigns")
      .select("status")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");

    // With a fallback it opens, and senders get the fallback.
    const fallback = await db
      .selectFrom("lawmakers")
      .select("id")
      .where("constituency", "=", "CA")
      .executeTakeFirstOrThrow();
    const edit = await postEntries(staff, `/campaigns/${slug}/edit`, [
      ...Object.entries(await campaignForm({ ruleConstituencies: "NOWHERE-99" })),
      ["fallback", String(fallback.id)],
    ]);
    expect(edit.status).toBe(302);
    expect((await staff.post(manageUrl, { intent: "open", confirm: "yes" })).status).toBe(302);
    const preview = await (
      await visitor().post(`/campaigns/${slug}`, { intent: "preview", name: "Ana", email: "ana.fb@example.org" })
    ).text();
    const lawmaker = await db
      .selectFrom("lawmakers")
      .select("name")
      .where("id", "=", fallback.id)
      .executeTakeFirstOrThrow();
    expect(preview).toContain(`Dear Senator ${lawmaker.name},`);
  });

  it("an explicit list targets exactly the chosen lawmakers", async () => {
    const kenyan = await db
      .selectFrom("lawmakers")
      .select(["id", "name"])
      .where("jurisdiction_code", "=", "KE")
      .orderBy("id")
      .execute();
    const entries: Array<[string, string]> = [
      ...Object.entries(
        await campaignForm({ recipientMode: "list", ruleJurisdiction: "", ruleBody: "", ruleConstituencies: "" }),
      ),
      ["lawmakers", String(kenyan[0].id)],
      ["lawmakers", String(kenyan[1].id)],
    ];
    const created = await postEntries(staff, "/campaigns/new", entries);
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.split("/")[2];
    const campaign = await db
      .selectFrom("letter_campaigns")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    const targets = await db
      .selectFrom("campaign_targets")
      .select("lawmaker_id")
      .where("campaign_id", "=", campaign.id)
      .execute();
    expect(targets.map((t) => t.lawmaker_id).sort()).toEqual([kenyan[0].id, kenyan[1].id].sort());
    await staff.post(`/campaigns/${slug}/manage`, { intent: "open", confirm: "yes" });
    const page = await (await visitor().get(`/campaigns/${slug}`)).text();
    expect(page).toContain(kenyan[0].name);
    expect(page).toContain(kenyan[1].name);
    expect(page).not.toContain(kenyan[2].name);
  });
});

describe("the lawmaker list after a refused save", () => {
  it("keeps exactly the one lawmaker picked, not the digits of its id", async () => {
    const picked = await db
      .selectFrom("lawmakers")
      .select("id")
      .where("id", ">=", 10)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const form = await campaignForm({ recipientMode: "list", "en.body": "Dear {{lawmaker.nmae}}," });
    const entries: Array<[string, string]> = [...Object.entries(form), ["lawmakers", String(picked.id)]];
    const response = await postEntries(staff, "/campaigns/new", entries);
    expect(response.status).toBe(400);
    const select = /<select[^>]*name="lawmakers"[^>]*>([\s\S]*?)<\/select>/.exec(await response.text())?.[1] ?? "";
    // Only that option is selected (a string default would select "1" and "0" for id 10 in the browser).
    expect(select.match(/<option value="\d+" selected=""/g)).toEqual([`<option value="${picked.id}" selected=""`]);
  });
});

describe("editing", () => {
  it("the edit form comes back filled with the campaign as saved", async () => {
    const html = await (await staff.get("/campaigns/stop-csam-act-write-to-your-lawmakers/edit")).text();
    expect(html).toMatch(/<input[^>]*name="senderPicksConstituency"[^>]*checked/);
    expect(html).toMatch(/<input[^>]*name="ruleJurisdiction"[^>]*value="US"/);
    expect(html).toContain("Dear {{lawmaker.title}} {{lawmaker.name}},");
    expect(html).toContain("Loi STOP CSAM : écrivez à vos élus");
    const threat = await db
      .selectFrom("letter_campaigns")
      .select("threat_id")
      .where("slug", "=", "stop-csam-act-write-to-your-lawmakers")
      .executeTakeFirstOrThrow();
    expect(html).toMatch(new RegExp(`<option value="${threat.threat_id}" selected`));
  });
});

describe("access", () => {
  it("staff pages are staff-only, for reading and writing", async () => {
    const slug = "stop-csam-act-write-to-your-lawmakers";
    const paths = [
      "/staff/campaigns",
      "/campaigns/new",
      `/campaigns/${slug}/edit`,
      `/campaigns/${slug}/manage`,
      `/campaigns/${slug}/letters.csv`,
    ];
    const anonymous = visitor();
    const lead = new Client(server.url, "192.0.2.242");
    await lead.login(DEMO.chapter_lead);
    const member = new Client(server.url, "192.0.2.243");
    await member.login(DEMO.coalition_member);
    for (const path of paths) {
      expect((await anonymous.get(path)).status, path).toBe(302);
      expect((await lead.get(path)).status, path).toBe(403);
      expect((await member.get(path)).status, path).toBe(403);
      expect((await staff.get(path)).status, path).toBe(200);
    }
    const before = await db
      .selectFrom("letter_campaigns")
      .select("status")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    expect((await lead.post(`/campaigns/${slug}/manage`, { intent: "close", confirm: "yes" })).status).toBe(403);
    expect((await anonymous.post(`/campaigns/${slug}/manage`, { intent: "close", confirm: "yes" })).status).toBe(302);
    expect((await lead.post("/campaigns/new", await campaignForm())).status).toBe(403);
    const after = await db
      .selectFrom("letter_campaigns")
      .select("status")
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    expect((await staff.get("/campaigns/no-such-campaign/manage")).status).toBe(404);
    expect((await visitor().get("/campaigns/no-such-campaign")).status).toBe(404);
  });
});

describe("dashboard and export", () => {
  it("counts letters per state, per lawmaker and per day; the CSV has no sender e-mail and neutralises formulas", async () => {
    const now = new Date().toISOString();
    const formula = await db
      .insertInto("lawmakers")
      .values({
        name: '=HYPERLINK("http://evil.example","x")',
        title: "Senator",
        body: "Senate",
        jurisdiction_code: "US",
        constituency: "OR",
        party: null,
        email: "formula.senator@example.org",
        email_normalised: "formula.senator@example.org",
        contact_url: null,
        source_url: null,
        verified_on: null,
        match_key: `formula|${crypto.randomBytes(4).toString("hex")}`,
        search_text: "formula",
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await staff.post("/campaigns/new", await campaignForm({ ruleConstituencies: "OR" }));
    const manageUrl = created.headers.get("location")!;
    const slug = manageUrl.split("/")[2];
    await staff.post(manageUrl, { intent: "open", confirm: "yes" });
    const email = `csv.${crypto.randomBytes(3).toString("hex")}@example.org`;
    const sent = await visitor().post(`/campaigns/${slug}`, { intent: "send", name: "Cora", email });
    expect(sent.status).toBe(303);
    const token = tokenFrom((await lastMailTo(email))!.text);
    expect((await visitor().post("/campaigns/confirm", { token })).status).toBe(200);

    const letters = await db
      .selectFrom("campaign_letters")
      .innerJoin("letter_campaigns", "letter_campaigns.id", "campaign_letters.campaign_id")
      .select(["campaign_letters.id", "campaign_letters.status", "campaign_letters.lawmaker_id"])
      .where("letter_campaigns.slug", "=", slug)
      .execute();
    const oregon = await db
      .selectFrom("lawmakers")
      .select(["id", "email"])
      .where("constituency", "=", "OR")
      .where("body", "=", "Senate")
      .execute();
    expect(letters).toHaveLength(oregon.length);
    const queued = letters.filter((l) => l.status === "queued").length;
    const handed = letters.filter((l) => l.status === "handed_to_sender").length;
    expect(queued).toBe(oregon.filter((l) => l.email).length);
    expect(queued + handed).toBe(letters.length);

    const html = await (await staff.get(manageUrl)).text();
    expect(html).toMatch(new RegExp(`Queued</th><td>${queued}</td>`));
    expect(html).toMatch(new RegExp(`Handed to the sender</th><td>${handed}</td>`));
    expect(html).toContain("Letters by lawmaker");
    expect(html).toMatch(new RegExp(`${now.slice(0, 10)}</th><td>${letters.length}</td>`));

    const list = await (await staff.get("/staff/campaigns")).text();
    expect(list).toContain(slug);

    const csv = await staff.get(`/campaigns/${slug}/letters.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM spreadsheets need
    const body = bytes.subarray(3).toString("utf8");
    expect(body.split("\r\n")[0]).toBe(
      "letter_id,lawmaker_id,lawmaker,constituency,state,created_at,status_changed_at,sent_at",
    );
    expect(body).not.toContain(email);
    expect(body).not.toContain("Cora");
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(body.trim().split("\r\n")).toHaveLength(letters.length + 1);
    expect(formula.id).toBeGreaterThan(0);
  });
});
