import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let member: Client;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  member = new Client(server.url, "10.43.0.1");
  await member.login(DEMO.chapter_member);
  staff = new Client(server.url, "10.43.0.2");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

const counts = async () =>
  Promise.all(
    (["advocacy_actions", "audit_log", "outbox"] as const).map(async (table) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );

const nasty = fc.constantFrom(
  "<script>alert(1)</script>",
  "\r\n",
  "' OR '1'='1; DROP TABLE advocacy_actions; --",
  "\u0000",
  "\u202e",
  "😀",
  "%00",
  "9".repeat(40),
  "a".repeat(6000),
);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.fullUnicodeString({ maxLength: 30 }), nasty);

// Each run is one write by one account: the per-account write limit (120 a minute) bounds the runs.
describe("the advocacy log under random input", () => {
  it("property: logging answers 302 or 400 (never 500); a 400 writes nothing; output is escaped", async () => {
    const input = fc.record(
      {
        kind: fc.oneof(fc.constantFrom("meeting", "media", "other"), text),
        occurredOn: fc.oneof(fc.constantFrom("2026-01-31", "2026-02-29", "0000-00-00", ""), text),
        description: text,
        policymakers: text,
        threatId: fc.oneof(fc.constantFrom("1", "0", "-1", "1e3", "999999999999999"), text),
        outcome: text,
        evidenceUrl: fc.oneof(fc.webUrl(), fc.constantFrom("javascript:alert(1)", "https://"), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (form) => {
        const before = await counts();
        const response = await member.post("/actions/new", form as Record<string, string>);
        expect([302, 400]).toContain(response.status);
        expect(await response.text()).not.toContain("<script>alert(1)</script>");
        if (response.status === 400) expect(await counts()).toEqual(before);
      }),
      { numRuns: 90, seed: 20261122 },
    );
    const log = await (await member.get("/actions")).text();
    expect(log).not.toContain("<script>alert(1)</script>");
  });

  it("property: a review answers 200 or 400 (never 500); a 400 writes nothing", async () => {
    const input = fc.record(
      {
        actionId: fc.oneof(fc.constantFrom("1", "2", "999999", "0"), text),
        decision: fc.oneof(fc.constantFrom("accepted", "needs_changes", "withdrawn"), text),
        comment: text,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (form) => {
        const before = await counts();
        const response = await staff.post("/staff/actions", form as Record<string, string>);
        expect([200, 400]).toContain(response.status);
        if (response.status === 400) expect(await counts()).toEqual(before);
      }),
      { numRuns: 90, seed: 20261122 },
    );
  });
});
