import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// A fresh address per request: the public form is rate-limited per IP.
let requests = 0;
const visitor = () => new Client(server.url, `203.0.${Math.floor(requests / 250)}.${(requests++ % 250) + 1}`);

const rows = async () =>
  Promise.all(
    (["coalition_applications", "outbox", "coalition_members"] as const).map(async (table) =>
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

describe("the application form under random input", () => {
  it("property: any input gives 200 or 400 (never 500); a 400 writes nothing; output is escaped", async () => {
    const nasty = fc.constantFrom(
      "<script>alert(1)</script>",
      "\r\n",
      "' OR '1'='1; DROP TABLE coalition_members; --",
      "\u0000",
      "\u202e",
      "😀",
      "%00",
      "a".repeat(5000),
    );
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.fullUnicodeString({ maxLength: 40 }), nasty);
    const input = fc.record(
      {
        kind: fc.oneof(fc.constantFrom("organisation", "individual_expert"), text),
        name: text,
        sector: fc.oneof(fc.constantFrom("civil_society", "academia", "industry"), text),
        jurisdiction: fc.oneof(fc.constantFrom("BR", "KE", "EU", "xx", ""), text),
        website: fc.oneof(fc.webUrl(), text),
        contactName: text,
        contactEmail: fc.oneof(
          fc.emailAddress(),
          text,
          fc.tuple(fc.emailAddress(), nasty).map(([e, n]) => e + n),
        ),
        motivation: text,
        publicProfile: text,
        consentPublic: fc.oneof(fc.constant("on"), text),
        website_url: fc.oneof(fc.constant(""), fc.constant(""), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (form) => {
        const before = await rows();
        const response = await visitor().post("/coalition/apply", form as Record<string, string>);
        const html = await response.text();
        expect([200, 400]).toContain(response.status);
        expect(html).not.toContain("<script>alert(1)</script>");
        if (response.status === 400) expect(await rows()).toEqual(before);
      }),
      { numRuns: 200, seed: 20261122 },
    );
  });
});
