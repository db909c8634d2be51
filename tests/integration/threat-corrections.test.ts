/** Staff correct or remove a recorded step: audit, stage, feed and followers' mail follow. */
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { follow } from "../../app/features/threats/follows.server";
import { createThreat, recordStep } from "../../app/features/threats/mutations.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let lead: Client;
let staffUser: User;
let follower: User;

async function newThreat(title: string) {
  const result = await createThreat(staffUser, {
    jurisdiction: "NZ",
    kind: "bill",
    title,
    categories: ["encryption"],
    severity: "high",
    firstSeenOn: "2024-01-02",
    sources: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result;
}

const step = (occurredOn: string, classification: "introduced" | "passed_chamber" | "enacted", note?: string) => ({
  intent: "action" as const,
  occurredOn,
  classification,
  note,
});

const stageOf = (id: number) =>
  db.selectFrom("threats").select(["stage", "stage_on"]).where("id", "=", id).executeTakeFirstOrThrow();

const auditRows = (threatId: number, action: string) =>
  db
    .selectFrom("audit_log")
    .select(["before_json", "after_json", "actor_user_id"])
    .where("entity_type", "=", "threat")
    .where("entity_id", "=", String(threatId))
    .where("action", "=", action)
    .execute();

const mailsFor = (prefix: string) =>
  db
    .selectFrom("outbox")
    .select(["to_address", "subject", "template"])
    .where("idempotency_key", "like", `${prefix}%`)
    .execute();

async function feedItems() {
  const response = await staff.get("/feeds/threats.atom");
  expect(response.status).toBe(200);
  return (await new Parser({ customFields: { item: ["id"] } }).parseString(await response.text())).items as Array<{
    id: string;
    title?: string;
    content?: string;
  }>;
}

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.41.0.1");
  lead = new Client(server.url, "10.41.0.2");
  await staff.login(DEMO.staff);
  await lead.login(DEMO.chapter_lead);
  staffUser = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  follower = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", DEMO.chapter_member)
    .executeTakeFirstOrThrow();
});
afterAll(() => server.close());

describe("correcting a step", () => {
  it("re-derives the stage, audits before and after, republishes the entry and tells followers", async () => {
    const threat = await newThreat("Corrections Test Bill");
    await follow(follower.id, { threatId: threat.id });
    await recordStep(staffUser, threat.id, step("2024-01-10", "introduced"));
    const passed = await recordStep(staffUser, threat.id, step("2024-03-01", "passed_chamber", "Third reading"));
    expect(await stageOf(threat.id)).toEqual({ stage: "passed_chamber", stage_on: "2024-03-01" });

    const response = await staff.post(`/threats/${threat.slug}/steps/${passed}`, {
      intent: "correct",
      occurredOn: "2023-12-01",
      classification: "introduced",
      note: "Third reading",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/threats/${threat.slug}?saved=corrected`);
    // The corrected step is now the earlier one: the stage follows the latest by date.
    expect(await stageOf(threat.id)).toEqual({ stage: "introduced", stage_on: "2024-01-10" });

    const [audit] = await auditRows(threat.id, "threat.step.update");
    expect(audit.actor_user_id).toBe(staffUser.id);
    expect(JSON.parse(audit.before_json!)).toMatchObject({
      stepId: passed,
      occurredOn: "2024-03-01",
      classification: "passed_chamber",
    });
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      stepId: passed,
      occurredOn: "2023-12-01",
      classification: "introduced",
    });

    const mails = await mailsFor(`threat-correction:${passed}:`);
    expect(mails.map((m) => m.to_address)).toEqual([follower.email]);
    expect(mails[0].template).toBe("threat-update");
    expect(mails[0].subject).toContain("Corrected: Introduced");

    const items = await feedItems();
    const entry = items.find((i) => i.id.endsWith(`/threats/${threat.slug}#action-${passed}`));
    expect(entry?.title).toBe("Corrections Test Bill: Introduced (corrected)");
    // The corrected entry comes back to the top of the feed.
    expect(items[0].id).toBe(entry?.id);

    const page = await (await staff.get(`/threats/${threat.slug}?saved=corrected`)).text();
    expect(page).toContain("The correction has been saved");
    expect(page).toContain("corrected an action");
  });

  it("sends no mail for a corrected note only, but the feed shows the new note", async () => {
    const threat = await newThreat("Typo Fix Bill");
    await follow(follower.id, { threatId: threat.id });
    const id = await recordStep(staffUser, threat.id, step("2024-02-02", "introduced", "Intorduced in the House"));
    const response = await staff.post(`/threats/${threat.slug}/steps/${id}`, {
      intent: "correct",
      occurredOn: "2024-02-02",
      classification: "introduced",
      note: "Introduced in the House",
    });
    expect(response.status).toBe(302);
    expect(await mailsFor(`threat-correction:${id}:`)).toEqual([]);
    expect(await auditRows(threat.id, "threat.step.update")).toHaveLength(1);
    const entry = (await feedItems()).find((i) => i.id.endsWith(`#action-${id}`));
    expect(entry?.content).toContain("Introduced in the House");
  });

  it("refuses bad input with a 400 and field errors, and writes nothing", async () => {
    const threat = await newThreat("Bad Input Bill");
    const id = await recordStep(staffUser, threat.id, step("2024-02-02", "introduced"));
    const response = await staff.post(`/threats/${threat.slug}/steps/${id}`, {
      intent: "correct",
      occurredOn: "not a date",
      classification: "sideways",
    });
    expect(response.status).toBe(400);
    const row = await db.selectFrom("threat_actions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ occurred_on: "2024-02-02", classification: "introduced" });
    expect(await auditRows(threat.id, "threat.step.update")).toEqual([]);
  });

  it("is staff only: a chapter lead gets 403 and nothing changes; another threat's step is a 404", async () => {
    const threat = await newThreat("Staff Only Bill");
    const other = await newThreat("Other Bill");
    const id = await recordStep(staffUser, threat.id, step("2024-02-02", "introduced"));
    const form = { intent: "correct", occurredOn: "2025-01-01", classification: "enacted" };
    expect((await lead.post(`/threats/${threat.slug}/steps/${id}`, form)).status).toBe(403);
    expect((await lead.get(`/threats/${threat.slug}/steps/${id}`)).status).toBe(403);
    expect((await lead.post(`/threats/${threat.slug}/steps/${id}`, { intent: "delete", confirm: "yes" })).status).toBe(
      403,
    );
    expect((await staff.post(`/threats/${other.slug}/steps/${id}`, form)).status).toBe(404);
    expect(await stageOf(threat.id)).toEqual({ stage: "introduced", stage_on: "2024-02-02" });
    expect(await db.selectFrom("threat_actions").select("id").where("id", "=", id).executeTakeFirst()).toBeDefined();
  });
});

describe("removing a step", () => {
  it("needs the confirmation, then removes it, re-derives the stage, audits, publishes and tells followers", async () => {
    const threat = await newThreat("Removal Test Bill");
    await follow(follower.id, { threatId: threat.id });
    await recordStep(staffUser, threat.id, step("2024-01-10", "introduced"));
    const mistaken = await recordStep(staffUser, threat.id, step("2024-04-01", "enacted", "Wrong bill"));
    expect((await stageOf(threat.id)).stage).toBe("enacted");

    const unconfirmed = await staff.post(`/threats/${threat.slug}/steps/${mistaken}`, { intent: "delete" });
    expect(unconfirmed.status).toBe(400);
    expect(
      await db.selectFrom("threat_actions").select("id").where("id", "=", mistaken).executeTakeFirst(),
    ).toBeDefined();

    const response = await staff.post(`/threats/${threat.slug}/steps/${mistaken}`, {
      intent: "delete",
      confirm: "yes",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/threats/${threat.slug}?saved=removed`);
    expect(
      await db.selectFrom("threat_actions").select("id").where("id", "=", mistaken).executeTakeFirst(),
    ).toBeUndefined();
    expect(await stageOf(threat.id)).toEqual({ stage: "introduced", stage_on: "2024-01-10" });

    const [audit] = await auditRows(threat.id, "threat.step.delete");
    expect(JSON.parse(audit.before_json!)).toMatchObject({
      stepId: mistaken,
      occurredOn: "2024-04-01",
      classification: "enacted",
      note: "Wrong bill",
    });

    const mails = await mailsFor(`threat-removal:${mistaken}:`);
    expect(mails.map((m) => m.to_address)).toEqual([follower.email]);
    expect(mails[0].subject).toContain("Removed: Enacted");

    const entry = (await feedItems()).find((i) => i.id.endsWith(`/threats/${threat.slug}#action-${mistaken}`));
    expect(entry?.title).toBe("Removal Test Bill: Removed: Enacted");

    // A removed step's page is gone.
    expect((await staff.get(`/threats/${threat.slug}/steps/${mistaken}`)).status).toBe(404);
  });

  it("leaves no stage when the only step is removed", async () => {
    const threat = await newThreat("Only Step Bill");
    const id = await recordStep(staffUser, threat.id, step("2024-01-10", "introduced"));
    expect((await staff.post(`/threats/${threat.slug}/steps/${id}`, { intent: "delete", confirm: "yes" })).status).toBe(
      302,
    );
    expect(await stageOf(threat.id)).toEqual({ stage: null, stage_on: null });
  });
});
