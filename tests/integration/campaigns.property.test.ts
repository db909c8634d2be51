import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { DEMO_CAMPAIGN_SLUG } from "../../demo/demo-campaigns";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// A fresh address per request: the public form is rate-limited per IP.
let requests = 0;
const visitor = () => new Client(server.url, `203.1.${Math.floor(requests / 250)}.${(requests++ % 250) + 1}`);

const rows = async () =>
  Promise.all(
    (["campaign_senders", "campaign_letters", "outbox"] as const).map(async (table) =>
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

describe("the public letter form under random input", () => {
  it("property: never a 5xx; anything but a 303 writes nothing; nothing typed comes back unescaped", async () => {
    const nasty = fc.constantFrom(
      "<script>alert(1)</script>",
      "\r\n",
      "{{threat.title}}",
      "{{#if x}}",
      "' OR '1'='1; DROP TABLE campaign_letters; --",
      "\u0000",
      "\u2028",
      "😀",
      "a".repeat(5000),
    );
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.fullUnicodeString({ maxLength: 30 }), nasty);
    const input = fc.record(
      {
        intent: fc.oneof(fc.constantFrom("preview", "send"), text),
        place: fc.oneof(fc.constantFrom("US:WA-02", "US:MN", "US:ZZ", "KE:Nairobi West", ""), text),
        name: fc.oneof(fc.constantFrom("Ana Souza"), text),
        email: fc.oneof(
          fc.emailAddress(),
          text,
          fc.tuple(fc.emailAddress(), nasty).map(([e, n]) => e + n),
        ),
        locality: fc.oneof(fc.constant("Seattle"), text),
        personalNote: text,
        seed: fc.oneof(fc.hexaString({ minLength: 16, maxLength: 16 }), text),
        website_url: fc.oneof(fc.constant(""), fc.constant(""), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (form) => {
        const before = await rows();
        const response = await visitor().post(`/campaigns/${DEMO_CAMPAIGN_SLUG}`, form);
        expect(response.status).toBeLessThan(500);
        const html = await response.text();
        expect(html).not.toContain("<script>alert(1)</script>");
        if (response.status !== 303 || form.website_url) expect(await rows()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it("property: hostile confirmation tokens never confirm and never answer 5xx", async () => {
    const before = await rows();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[a-z0-9]{32}$/)), async (token) => {
        const post = await visitor().post("/campaigns/confirm", { token });
        expect(post.status).toBe(400);
        const get = await visitor().get(`/campaigns/confirm?token=${encodeURIComponent(token)}`);
        expect(get.status).toBe(200);
      }),
      { numRuns: 40 },
    );
    expect(await rows()).toEqual(before);
  });
});
