/** The targets page, drill-down, API contract, and staff management through the real HTTP stack. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let anonymous: Client;
let staff: Client;
let lead: Client;

const THIS_YEAR = new Date().getUTCFullYear();

const valid = (overrides: Record<string, string> = {}) => ({
  year: "2031",
  title: "Ten impact assessments",
  metric: "advocacy_actions",
  kind: "impact_assessment",
  goal: "10",
  ...overrides,
});

const targetsTitled = (title: string) => db.selectFrom("targets").selectAll().where("title", "=", title).execute();

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Client(server.url, "10.5.0.1");
  staff = new Client(server.url, "10.5.0.2");
  lead = new Client(server.url, "10.5.0.3");
  await staff.login(DEMO.staff);
  await lead.login(DEMO.chapter_lead);
});
afterAll(() => server.close());

describe("the open data API", () => {
  it("answers exactly {data:[{id,title,metric,goal,value,unit,met}]}", async () => {
    const response = await anonymous.get("/api/v1/targets?year=2024");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { data: Array<Record<string, unknown>> };
    expect(Object.keys(body)).toEqual(["data"]);
    expect(body.data.length).toBeGreaterThanOrEqual(10);
    for (const item of body.data) {
      expect(Object.keys(item).sort()).toEqual(["goal", "id", "met", "metric", "title", "unit", "value"]);
      expect(typeof item.value).toBe("number");
      expect(typeof item.met).toBe("boolean");
    }
    expect(body.data.find((t) => t.title === "2 amicus briefs")).toMatchObject({
      metric: "advocacy_actions",
      goal: 2,
      value: 2,
      unit: "count",
      met: true,
    });
    expect(body.data.find((t) => t.title === "1 million Global Encryption Day participants")).toMatchObject({
      unit: "people",
      value: 1_175_875,
      met: true,
    });
    expect(body.data.find((t) => t.title === "Fight 5 new threats")).toMatchObject({ value: 3, met: false });
  });

  it("defaults to the current year and answers 400 naming a bad year", async () => {
    const current = (await (await anonymous.get("/api/v1/targets")).json()) as { data: unknown[] };
    const explicit = (await (await anonymous.get(`/api/v1/targets?year=${THIS_YEAR}`)).json()) as { data: unknown[] };
    expect(current).toEqual(explicit);
    for (const bad of ["abc", "1999", "2024x", "99999", "%3Cscript%3E"]) {
      const response = await anonymous.get(`/api/v1/targets?year=${bad}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; parameters: Record<string, string> };
      expect(body.error).toBe("invalid_parameters");
      expect(Object.keys(body.parameters)).toEqual(["year"]);
    }
  });
});

describe("the targets page", () => {
  it("shows each target with its value, goal, accessible progress, status and definition", async () => {
    const html = await (await anonymous.get("/targets?year=2024")).text();
    expect(html).toContain("Mitigate 75 % of threats to encryption");
    expect(html).toContain("1,175,875 people");
    expect(html).toMatch(/<progress[^>]*aria-label="50 % of a goal of 75 % \(66 %\)"/);
    expect(html).toContain("Missed");
    expect(html).toContain("Among the threats whose outcome was decided during the year");
    expect(html).toContain("5 of 10 targets met");
    expect(html).not.toContain("/staff/targets/");
  });

  it("shows staff the edit links, and answers 400 to a bad year", async () => {
    expect(await (await staff.get("/targets?year=2024")).text()).toMatch(/href="\/staff\/targets\/\d+"/);
    expect((await anonymous.get("/targets?year=abc")).status).toBe(400);
    expect((await staff.get("/staff/targets?year=12")).status).toBe(400);
  });

  it("says on track or behind for the current year", async () => {
    const html = await (await anonymous.get("/targets?year=2026")).text();
    expect(html).toMatch(/On track|Behind|Met/);
  });

  it("drills down into the rows behind a figure, without naming unlisted members", async () => {
    const target = await db
      .selectFrom("targets")
      .select("id")
      .where("title", "=", "25 % of member organisations advocating")
      .executeTakeFirstOrThrow();
    const html = await (await anonymous.get(`/targets/${target.id}`)).text();
    expect(html).toContain("Open Networks Foundation (demo)");
    expect(html).toContain("13 rows");
    expect((await anonymous.get("/targets/0")).status).toBe(404);
  });
});

describe("staff management", () => {
  it("creates a target, audited, and the page shows it", async () => {
    const response = await staff.post("/staff/targets/new", valid());
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/targets?year=2031");
    const [row] = await targetsTitled("Ten impact assessments");
    expect(row).toMatchObject({
      year: 2031,
      metric: "advocacy_actions",
      goal: 10,
      filter: '{"kind":"impact_assessment"}',
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "target")
      .where("entity_id", "=", String(row.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["target.create"]);
    expect(await (await anonymous.get("/targets?year=2031")).text()).toContain("Ten impact assessments");
  });

  it("refuses bad input with a 400 and writes nothing", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ title: "Bad 1", category: "encryption" }, "This metric does not take this filter."],
      [{ title: "Bad 2", metric: "manual", kind: "", manualValue: "3" }, "Say what the figure rests on."],
      [{ title: "Bad 3", metric: "chapters_advocating_share", kind: "", goal: "150" }, "A percentage is at most 100."],
      [{ title: "Bad 4", year: "1999" }, "Enter a year between 2000 and 2100."],
      [{ title: "Bad 5", goal: "1e400" }, "Enter a number of 0 or more."],
      [{ title: "Bad 6", goal: "-1" }, "Enter a number of 0 or more."],
      [{ title: "Bad 7", metric: "nope" }, "Choose one of the options."],
      [{ title: "Bad 8", kind: "amicus" }, "Choose one of the options."],
      [{ title: "Bad 9", metric: "policymaker_statements", kind: "", jurisdiction: "XX" }, "Choose a country or forum"],
      [
        {
          title: "Bad 10",
          metric: "manual",
          kind: "",
          manualValue: "1",
          manualEvidence: "x",
          manualEvidenceUrl: "javascript:alert(1)",
        },
        "Enter a full web address",
      ],
      [{ title: "x".repeat(201) }, "This is too long."],
    ];
    for (const [overrides, message] of cases) {
      const response = await staff.post("/staff/targets/new", valid(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    const written = await db.selectFrom("targets").select("id").where("title", "like", "Bad %").execute();
    expect(written).toEqual([]);
  });

  it("stores hostile text as text and shows it escaped", async () => {
    const title = `<script>alert("t")</script> & "quotes"`;
    expect((await staff.post("/staff/targets/new", valid({ title }))).status).toBe(302);
    const html = await (await anonymous.get("/targets?year=2031")).text();
    expect(html).not.toContain('<script>alert("t")</script>');
    expect(html).toContain("&lt;script&gt;");
  });

  it("is for staff only", async () => {
    expect((await lead.post("/staff/targets/new", valid({ title: "Lead's target" }))).status).toBe(403);
    expect((await anonymous.post("/staff/targets/new", valid({ title: "Anon target" }))).status).toBe(302);
    const [row] = await targetsTitled("Ten impact assessments");
    expect(
      (await lead.post("/staff/targets", { intent: "delete", targetId: String(row.id), confirm: "yes" })).status,
    ).toBe(403);
    expect((await lead.post(`/staff/targets/${row.id}`, valid({ title: "Hijacked" }))).status).toBe(403);
    expect(await targetsTitled("Lead's target")).toEqual([]);
    expect(await targetsTitled("Anon target")).toEqual([]);
    expect(await targetsTitled("Hijacked")).toEqual([]);
  });

  it("edits, orders and deletes (after confirmation), each audited", async () => {
    await staff.post("/staff/targets/new", valid({ year: "2032", title: "First" }));
    await staff.post("/staff/targets/new", valid({ year: "2032", title: "Second" }));
    const [first] = await targetsTitled("First");
    const [second] = await targetsTitled("Second");

    const edited = await staff.post(
      `/staff/targets/${first.id}`,
      valid({ year: "2032", title: "First, edited", goal: "12" }),
    );
    expect(edited.status).toBe(302);
    expect((await targetsTitled("First, edited"))[0]).toMatchObject({ id: first.id, goal: 12 });

    expect((await staff.post("/staff/targets", { intent: "up", targetId: String(second.id) })).status).toBe(200);
    const order = await db.selectFrom("targets").select("title").where("year", "=", 2032).orderBy("position").execute();
    expect(order.map((r) => r.title)).toEqual(["Second", "First, edited"]);

    expect((await staff.post("/staff/targets", { intent: "delete", targetId: String(second.id) })).status).toBe(400);
    expect(await targetsTitled("Second")).toHaveLength(1);
    expect(
      (await staff.post("/staff/targets", { intent: "delete", targetId: String(second.id), confirm: "yes" })).status,
    ).toBe(200);
    expect(await targetsTitled("Second")).toEqual([]);

    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "target")
      .where("entity_id", "in", [String(first.id), String(second.id)])
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "target.create",
      "target.create",
      "target.update",
      "target.move",
      "target.delete",
    ]);
  });

  it("refuses to snapshot a year that is not over, and unknown commands", async () => {
    const [row] = await targetsTitled("Ten impact assessments");
    expect(
      (await staff.post("/staff/targets", { intent: "snapshot", targetId: String(row.id), confirm: "yes" })).status,
    ).toBe(400);
    expect((await staff.post("/staff/targets", { intent: "drop", targetId: String(row.id) })).status).toBe(400);
    expect((await staff.post("/staff/targets", { intent: "up", targetId: "999999" })).status).toBe(400);
    expect((await staff.post("/staff/targets/999999", valid())).status).toBe(404);
  });
});
