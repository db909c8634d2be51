import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.3.0.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

const newThreat = (overrides: Record<string, string> = {}) => ({
  jurisdiction: "GB",
  kind: "bill",
  identifier: "HL Bill 99",
  title: "Communications Scanning Bill",
  shortName: "Scanning Bill",
  summary: "Would require **client-side scanning**. <script>alert('x')</script>",
  categories: "encryption",
  severity: "critical",
  firstSeenOn: "2026-03-04",
  sources: "https://bills.parliament.uk/bills/9999",
  ...overrides,
});

async function createViaForm(client: Client, form: Record<string, string>) {
  const response = await client.post("/threats/new", form);
  return { response, slug: response.headers.get("location")?.replace("/threats/", "") };
}

const count = async (table: "threats" | "threat_actions" | "threat_proposals" | "outbox") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("staff create and edit threats", () => {
  it("creates a threat, sanitises its summary and escapes its title", async () => {
    const { response, slug } = await createViaForm(staff, newThreat({ title: 'Bill <img src=x onerror="alert(1)">' }));
    expect(response.status).toBe(302);
    const page = await (await staff.get(`/threats/${slug}`)).text();
    expect(page).toContain("<strong>client-side scanning</strong>");
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("Bill &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    const audit = await db.selectFrom("audit_log").select("action").where("action", "=", "threat.create").execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("answers bad input with field errors and writes nothing", async () => {
    const before = await count("threats");
    const response = await staff.post("/threats/new", {
      ...newThreat(),
      jurisdiction: "ZZ",
      title: "",
      categories: "",
      firstSeenOn: "2026-02-31",
      sources: "javascript:alert(1)",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("This field is required.");
    expect(html).toContain("Enter a date as YYYY-MM-DD.");
    expect(html).toContain("Enter a full web address starting with https://.");
    expect(await count("threats")).toBe(before);
  });

  it("refuses chapter members and anonymous visitors", async () => {
    const member = new Client(server.url, "10.3.0.2");
    await member.login(DEMO.chapter_member);
    const before = await count("threats");
    expect((await member.post("/threats/new", newThreat())).status).toBe(403);
    expect((await new Client(server.url, "10.3.0.3").post("/threats/new", newThreat())).status).toBe(302);
    expect(await count("threats")).toBe(before);
  });

  it("edits a threat and shows the change in its history", async () => {
    const { slug } = await createViaForm(staff, newThreat({ title: "Edit me bill", identifier: "HL Bill 100" }));
    const response = await staff.post(
      `/threats/${slug}/edit`,
      newThreat({ title: "Edited bill", identifier: "HL Bill 100" }),
    );
    expect(response.status).toBe(302);
    const page = await (await staff.get(`/threats/${slug}`)).text();
    expect(page).toContain("Edited bill");
    expect(page).toMatch(/History[\s\S]*created[\s\S]*edited/);
    expect(page).toMatch(/Sam Staff · (<!-- -->)?created/);
    const publicPage = await (await new Client(server.url).get(`/threats/${slug}`)).text();
    expect(publicPage).toMatch(/History[\s\S]*created[\s\S]*edited/);
    expect(publicPage).not.toContain("Sam Staff");
  });
});

describe("actions, stage and outcome", () => {
  it("derives the stage from the latest dated action, whatever the order of entry", async () => {
    const { slug } = await createViaForm(staff, newThreat({ title: "Stage bill", identifier: "HL Bill 101" }));
    for (const [occurredOn, classification] of [
      ["2026-05-01", "passed_chamber"],
      ["2026-03-10", "introduced"],
      ["2026-04-02", "committee"],
    ]) {
      const response = await staff.post(`/threats/${slug}`, {
        intent: "action",
        occurredOn,
        classification,
        note: "n",
      });
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/threats/${slug}?saved=action`);
    }
    const threat = await db
      .selectFrom("threats")
      .select(["stage", "stage_on"])
      .where("slug", "=", slug!)
      .executeTakeFirstOrThrow();
    expect(threat).toEqual({ stage: "passed_chamber", stage_on: "2026-05-01" });
    expect(await (await staff.get(`/threats?stage=passed_chamber&q=stage+bill`)).text()).toContain("Stage bill");
    expect(await (await staff.get(`/threats?stage=committee&q=stage+bill`)).text()).not.toContain("Stage bill");
  });

  it("refuses an unknown classification and a bad date, writing nothing", async () => {
    const { slug } = await createViaForm(staff, newThreat({ title: "Bad action bill", identifier: "HL Bill 102" }));
    const before = await count("threat_actions");
    const response = await staff.post(`/threats/${slug}`, {
      intent: "action",
      occurredOn: "yesterday",
      classification: "vetoed",
    });
    expect(response.status).toBe(400);
    expect(await count("threat_actions")).toBe(before);
  });

  it("records the outcome with reason and date, and tells followers but not the one who changed it", async () => {
    const { slug } = await createViaForm(staff, newThreat({ title: "Outcome bill", identifier: "HL Bill 103" }));
    const lead = new Client(server.url, "10.3.0.4");
    await lead.login(DEMO.chapter_lead);
    expect((await lead.post(`/threats/${slug}`, { intent: "follow" })).status).toBe(302);
    await staff.post(`/threats/${slug}`, { intent: "follow" });
    const response = await staff.post(`/threats/${slug}`, {
      intent: "outcome",
      outcome: "mitigated",
      reason: "Withdrawn after the campaign.",
      decidedOn: "2026-06-30",
    });
    expect(response.status).toBe(302);
    const threat = await db.selectFrom("threats").selectAll().where("slug", "=", slug!).executeTakeFirstOrThrow();
    expect(threat).toMatchObject({
      outcome: "mitigated",
      outcome_reason: "Withdrawn after the campaign.",
      outcome_on: "2026-06-30",
    });
    const mails = await db
      .selectFrom("outbox")
      .select(["to_address", "subject"])
      .where("template", "=", "threat-update")
      .where("subject", "like", "Outcome bill%")
      .execute();
    expect(mails.map((m) => m.to_address)).toContain(DEMO.chapter_lead);
    expect(mails.map((m) => m.to_address)).not.toContain(DEMO.staff);
    expect(mails.find((m) => m.to_address === DEMO.chapter_lead)?.subject).toBe("Outcome bill: Outcome: Mitigated");
  });

  it("chapter members follow their country by default and hear about its threats", async () => {
    const { slug } = await createViaForm(
      staff,
      newThreat({ jurisdiction: "KE", title: "Kenyan scanning bill", identifier: "KE 1" }),
    );
    await staff.post(`/threats/${slug}`, { intent: "action", occurredOn: "2026-07-01", classification: "introduced" });
    const mail = await db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", DEMO.chapter_member)
      .where("template", "=", "threat-update")
      .executeTakeFirst();
    expect(mail?.subject).toBe("Kenyan scanning bill: Introduced");
  });
});

describe("list, search and country page", () => {
  it("searches title, identifier and summary, folding case and accents, with LIKE wildcards taken literally", async () => {
    await createViaForm(
      staff,
      newThreat({
        title: "Loi sur la Sécurité Numérique",
        identifier: "LSN-2026",
        summary: "Chiffrement affaibli à 100%.",
        jurisdiction: "FR",
      }),
    );
    expect(await (await staff.get("/threats?q=securite+numerique")).text()).toContain("Loi sur la Sécurité Numérique");
    expect(await (await staff.get("/threats?q=lsn-2026")).text()).toContain("Loi sur la Sécurité Numérique");
    expect(await (await staff.get("/threats?q=100%25")).text()).toContain("Loi sur la Sécurité Numérique");
    expect(await (await staff.get("/threats?q=1_0")).text()).toContain("No threat matches these filters.");
  });

  it("ignores nonsense filters on the page instead of failing", async () => {
    const response = await staff.get("/threats?jurisdiction=%27%3B+DROP+TABLE+threats%3B--&page=-4&year=banana");
    expect(response.status).toBe(200);
    expect(await count("threats")).toBeGreaterThan(0);
  });

  it("shows a country's threats and statements", async () => {
    await createViaForm(staff, newThreat({ title: "Country page bill", identifier: "HL Bill 104" }));
    const statement = await staff.post("/statements/new", {
      speaker: "A. Minister",
      speakerRole: "Minister",
      body: "Home Office",
      jurisdiction: "GB",
      statedOn: "2026-02-01",
      stance: "opposed",
      kind: "statement",
      quote: "Encryption must not stand in the way.",
      url: "https://www.gov.uk/example",
    });
    expect(statement.status).toBe(302);
    const page = await (await new Client(server.url).get("/countries/GB")).text();
    expect(page).toContain("Country page bill");
    expect(page).toContain("Encryption must not stand in the way.");
    expect((await new Client(server.url).get("/countries/gb")).headers.get("location")).toBe("/countries/GB");
  });
});

describe("proposals", () => {
  it("a chapter member proposes; staff accept, and the proposer is told", async () => {
    const member = new Client(server.url, "10.3.0.5");
    await member.login(DEMO.chapter_member);
    const sent = await member.post("/threats/propose", {
      kind: "bill",
      title: "Kenya Data Interception Bill",
      summary: "Lawful access to messages.",
      sourceUrl: "https://example.go.ke/bill",
    });
    expect(sent.status).toBe(200);
    const proposal = await db
      .selectFrom("threat_proposals")
      .selectAll()
      .where("title", "=", "Kenya Data Interception Bill")
      .executeTakeFirstOrThrow();
    expect(proposal).toMatchObject({ jurisdiction_code: "KE", status: "pending" });
    expect(await (await staff.get("/staff/proposals")).text()).toContain("Kenya Data Interception Bill");

    const accepted = await staff.post("/staff/proposals", {
      proposalId: String(proposal.id),
      decision: "accepted",
      severity: "high",
      categories: "encryption",
    });
    expect(accepted.status).toBe(200);
    const threat = await db
      .selectFrom("threats")
      .selectAll()
      .where("title", "=", "Kenya Data Interception Bill")
      .executeTakeFirstOrThrow();
    expect(threat.jurisdiction_code).toBe("KE");
    const mail = await db
      .selectFrom("outbox")
      .selectAll()
      .where("template", "=", "proposal-reviewed")
      .where("to_address", "=", DEMO.chapter_member)
      .executeTakeFirstOrThrow();
    expect(mail.text).toContain(`/threats/${threat.slug}`);
    const again = await staff.post("/staff/proposals", {
      proposalId: String(proposal.id),
      decision: "rejected",
      reason: "twice",
    });
    expect(again.status).toBe(400);
  });

  it("rejection needs a reason, which is sent back", async () => {
    const lead = new Client(server.url, "10.3.0.6");
    await lead.login(DEMO.chapter_lead);
    await lead.post("/threats/propose", { kind: "court_case", title: "Case about VPNs" });
    const proposal = await db
      .selectFrom("threat_proposals")
      .selectAll()
      .where("title", "=", "Case about VPNs")
      .executeTakeFirstOrThrow();
    expect(
      (await staff.post("/staff/proposals", { proposalId: String(proposal.id), decision: "rejected", reason: "" }))
        .status,
    ).toBe(400);
    expect(
      (
        await staff.post("/staff/proposals", {
          proposalId: String(proposal.id),
          decision: "rejected",
          reason: "Not about encryption.",
        })
      ).status,
    ).toBe(200);
    const mail = await db
      .selectFrom("outbox")
      .selectAll()
      .where("template", "=", "proposal-reviewed")
      .where("to_address", "=", DEMO.chapter_lead)
      .executeTakeFirstOrThrow();
    expect(mail.text).toContain("Not about encryption.");
  });

  it("a chapter member does not see other chapters' proposals", async () => {
    const now = new Date().toISOString();
    const other = await db
      .selectFrom("chapters")
      .select("id")
      .where("jurisdiction_code", "=", "NG")
      .executeTakeFirstOrThrow();
    const staffUser = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", DEMO.staff)
      .executeTakeFirstOrThrow();
    await db
      .insertInto("threat_proposals")
      .values({
        proposed_by: staffUser.id,
        chapter_id: other.id,
        jurisdiction_code: "NG",
        kind: "bill",
        identifier: null,
        title: "Nigerian secret proposal",
        summary: "",
        source_url: null,
        status: "pending",
        review_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        threat_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const member = new Client(server.url, "10.3.0.7");
    await member.login(DEMO.chapter_member);
    expect(await (await member.get("/threats/propose")).text()).not.toContain("Nigerian secret proposal");
    expect((await member.get("/staff/proposals")).status).toBe(403);
  });
});

describe("impact assessments", () => {
  it("a chapter lead assesses a threat of their own country, not another's", async () => {
    const { slug: kenyan } = await createViaForm(
      staff,
      newThreat({ jurisdiction: "KE", title: "Assess me", identifier: "KE 2" }),
    );
    const { slug: british } = await createViaForm(staff, newThreat({ title: "Not yours", identifier: "HL Bill 105" }));
    const properties = await db.selectFrom("impact_properties").select("id").execute();
    const form: Record<string, string> = { summary: "Breaks confidentiality." };
    for (const p of properties) form[`rating-${p.id}`] = "negative";
    const lead = new Client(server.url, "10.3.0.8");
    await lead.login(DEMO.chapter_lead);
    expect(
      (await lead.post(`/threats/${kenyan}/assessment`, { ...form, [`rating-${properties[0].id}`]: "catastrophic" }))
        .status,
    ).toBe(400);
    expect((await lead.post(`/threats/${kenyan}/assessment`, form)).status).toBe(302);
    expect((await lead.post(`/threats/${british}/assessment`, form)).status).toBe(403);
    const page = await (await new Client(server.url).get(`/threats/${kenyan}`)).text();
    expect(page).toContain("Breaks confidentiality.");
    expect(page.match(/rating-negative/g)?.length).toBe(properties.length);
  });
});

describe("impact assessment properties", () => {
  it("an admin renames and retires a property; retired ones are no longer asked for", async () => {
    const admin = new Client(server.url, "10.3.0.9");
    await admin.login(DEMO.admin);
    const property = await db
      .selectFrom("impact_properties")
      .selectAll()
      .where("key", "=", "accountability")
      .executeTakeFirstOrThrow();
    expect(
      (
        await staff.post("/admin/impact-properties", {
          propertyId: String(property.id),
          nameEn: "x",
          nameFr: "x",
          position: "1",
        })
      ).status,
    ).toBe(403);
    const bad = await admin.post("/admin/impact-properties", {
      propertyId: String(property.id),
      nameEn: "",
      nameFr: "Responsabilité",
      position: "9",
    });
    expect(bad.status).toBe(400);
    const saved = await admin.post("/admin/impact-properties", {
      propertyId: String(property.id),
      nameEn: "Accountability of operators",
      nameFr: "Responsabilité des opérateurs",
      position: "9",
    });
    expect(saved.status).toBe(200);
    expect(
      await db.selectFrom("impact_properties").selectAll().where("id", "=", property.id).executeTakeFirstOrThrow(),
    ).toMatchObject({
      name_en: "Accountability of operators",
      active: 0,
    });
    const { slug } = await createViaForm(
      staff,
      newThreat({ title: "Retired property bill", identifier: "HL Bill 106" }),
    );
    const form = await (await staff.get(`/threats/${slug}/assessment`)).text();
    expect(form).not.toContain(`rating-${property.id}"`);
  });
});
