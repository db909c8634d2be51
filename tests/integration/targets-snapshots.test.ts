/** Year-end snapshots: taken once, lazily or by the job; a past year's figure stays when rows change. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeTarget } from "~/features/targets/metrics.server";
import { drilldown, evaluateYear, getTarget } from "~/features/targets/progress.server";
import { ensureSnapshot, retakeSnapshot, snapshotFinishedYears } from "~/features/targets/snapshots.server";
import { updateTarget } from "~/features/targets/targets.server";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import * as f from "../support/target-fixtures";

let server: TestServer;
let staff: User;
let chapterId: number;

const snapshotRows = async (targetId: number) =>
  db.selectFrom("target_snapshots").selectAll().where("target_id", "=", targetId).execute();

beforeAll(async () => {
  server = await startTestServer();
  staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  chapterId = await f.chapter({ jurisdiction: "IS" });
  await f.action({ chapterId, kind: "amicus_brief", on: "2014-03-03" });
});
afterAll(() => server.close());

describe("year-end snapshots", () => {
  it("keeps a past year's figure when old rows change, on the page, the drill-down and the API", async () => {
    const id = await f.target({ year: 2014, metric: "advocacy_actions", filter: { kind: "amicus_brief" }, goal: 2 });
    const [first] = await evaluateYear(2014);
    expect(first).toMatchObject({ value: 1, met: false, status: "missed" });
    expect(first.snapshotTakenAt).not.toBeNull();
    expect(await snapshotRows(id)).toHaveLength(1);

    // A late report arrives for 2014: the live figure moves, the published one does not.
    await f.action({ chapterId, kind: "amicus_brief", on: "2014-11-11" });
    const target = (await getTarget(id))!;
    expect((await computeTarget(target, false)).value).toBe(2);
    expect((await evaluateYear(2014))[0].value).toBe(1);
    expect((await drilldown(target)).rows).toHaveLength(1);
    const api = (await (await new Client(server.url).get("/api/v1/targets?year=2014")).json()) as {
      data: Array<{ id: number; value: number; met: boolean }>;
    };
    expect(api.data.find((t) => t.id === id)).toMatchObject({ value: 1, met: false });
    const page = await (await new Client(server.url).get("/targets?year=2014")).text();
    expect(page).toContain("Year-end figure, frozen on");

    // Staff retake it on purpose: audited.
    await retakeSnapshot(staff, target);
    expect((await evaluateYear(2014))[0]).toMatchObject({ value: 2, met: true, status: "met" });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("entity_type", "=", "target")
      .where("entity_id", "=", String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].action).toBe("target.snapshot");
    expect(JSON.parse(audit[0].before_json!)).toMatchObject({ value: 1 });
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({ value: 2 });
  });

  it("is taken once when several takers race, in the process and over HTTP", async () => {
    const id = await f.target({ year: 2015, metric: "advocacy_actions", goal: 1 });
    const target = (await getTarget(id))!;
    await expect(Promise.all(Array.from({ length: 8 }, () => ensureSnapshot(target)))).resolves.toHaveLength(8);
    expect(await snapshotRows(id)).toHaveLength(1);

    const other = await f.target({ year: 2013, metric: "policymaker_statements", goal: 1 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => new Client(server.url, `10.7.0.${i}`).get("/api/v1/targets?year=2013")),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const values = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { data: Array<{ id: number; value: number }> }).data),
    );
    expect(new Set(values.map((d) => JSON.stringify(d.find((t) => t.id === other))))).toHaveProperty("size", 1);
    expect(await snapshotRows(other)).toHaveLength(1);
  });

  it("the job snapshots every finished year once and never the current year", async () => {
    const past = await f.target({ year: 2016, metric: "ged_events", goal: 1 });
    const current = await f.target({ year: 2026, metric: "ged_events", goal: 1 });
    const now = new Date("2026-03-01T00:00:00Z");
    expect(await snapshotFinishedYears(now)).toBeGreaterThanOrEqual(1);
    expect(await snapshotFinishedYears(now)).toBe(0);
    expect(await snapshotRows(past)).toHaveLength(1);
    expect(await snapshotRows(current)).toHaveLength(0);
  });

  it("drops a past target's snapshot when what it counts changes, and retakes it on the next read", async () => {
    const id = await f.target({ year: 2014, metric: "advocacy_actions", filter: { kind: "amicus_brief" }, goal: 1 });
    await evaluateYear(2014);
    const before = (await snapshotRows(id))[0];
    const target = (await getTarget(id))!;
    const problems = await updateTarget(staff, target, {
      year: 2014,
      title: target.title,
      metric: "advocacy_actions",
      kind: "meeting",
      goal: 1,
    });
    expect(problems).toBeNull();
    expect(await snapshotRows(id)).toHaveLength(0);
    const after = (await evaluateYear(2014)).find((p) => p.target.id === id)!;
    expect(after.value).toBe(0);
    expect(before.value).toBe(2);
  });
});
