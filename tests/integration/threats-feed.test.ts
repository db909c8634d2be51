/** The Atom feed of threat changes: valid Atom, parsed by a real feed parser, text escaped. */
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { recordStep, createThreat, setOutcome } from "../../app/features/threats/mutations.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

const HOSTILE_TITLE = 'Bill <script>alert(1)</script> & friends ]]> "quoted"';

let server: TestServer;
let client: Client;
let staff: User;
let osb: { slug: string; id: number };
let hostile: { slug: string; id: number };

async function newThreat(title: string, shortName?: string) {
  const result = await createThreat(staff, {
    jurisdiction: "NZ",
    kind: "bill",
    title,
    shortName,
    categories: ["encryption"],
    severity: "high",
    firstSeenOn: "2022-03-17",
    sources: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { slug: result.slug, id: result.id };
}

async function fetchFeed() {
  const response = await client.get("/feeds/threats.atom");
  expect(response.status).toBe(200);
  return { response, xml: await response.text() };
}

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.32.0.1");
  staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  osb = await newThreat("Online Safety Act 2023 (formerly the Online Safety Bill)", "Online Safety Bill");
  await recordStep(staff, osb.id, {
    intent: "action",
    occurredOn: "2023-10-26",
    classification: "enacted",
    note: "Royal Assent <b>given</b> & published",
    sourceUrl: "https://www.legislation.gov.uk/ukpga/2023/50?view=plain&x=1",
  });
  await setOutcome(staff, osb.id, {
    intent: "outcome",
    outcome: "not_mitigated",
    reason: "The scanning power stayed in the Act",
    decidedOn: "2023-10-27",
  });
  hostile = await newThreat(HOSTILE_TITLE);
  await recordStep(staff, hostile.id, { intent: "action", occurredOn: "2024-01-02", classification: "introduced" });
});
afterAll(() => server.close());

describe("GET /feeds/threats.atom", () => {
  it("is Atom 1.0 with cacheable headers", async () => {
    const { response, xml } = await fetchFeed();
    expect(response.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
    expect(xml).toContain(`<link rel="self" href="${server.url}/feeds/threats.atom"/>`);
    expect(xml).toMatch(/<updated>\d{4}-\d\d-\d\dT[\d:.]+Z<\/updated>/);
  });

  it("has an entry for an action and for an outcome change, each linking to its threat", async () => {
    const { xml } = await fetchFeed();
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toMatch(/threat tracker/i);
    const threatUrl = `${server.url}/threats/${osb.slug}`;

    const action = feed.items.find((item) => item.title === "Online Safety Bill: Enacted");
    expect(action).toBeDefined();
    expect(action!.link).toBe(threatUrl);
    expect(action!.id).toMatch(new RegExp(`^${threatUrl}#action-\\d+$`));
    expect(action!.content).toContain("Royal Assent &lt;b&gt;given&lt;/b&gt; &amp; published");
    expect(action!.content).toContain('href="https://www.legislation.gov.uk/ukpga/2023/50?view=plain&amp;x=1"');

    const outcome = feed.items.find((item) => item.title === "Online Safety Bill: Outcome: Not mitigated");
    expect(outcome).toBeDefined();
    expect(outcome!.link).toBe(threatUrl);
    expect(outcome!.id).toMatch(new RegExp(`^${threatUrl}#outcome-\\d+$`));
    expect(outcome!.content).toContain("The scanning power stayed in the Act");

    // The most recently recorded change comes first; every entry has an id, a date and a link.
    expect(feed.items[0].link).toBe(`${server.url}/threats/${hostile.slug}`);
    for (const item of feed.items) {
      expect(item.id).toBeTruthy();
      expect(item.link).toMatch(new RegExp(`^${server.url}/threats/`));
      expect(Number.isNaN(Date.parse(item.isoDate ?? ""))).toBe(false);
    }
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(feed.items.length);
    expect(feed.items.length).toBeLessThanOrEqual(50);
  });

  it("keeps ids stable between fetches", async () => {
    const first = await new Parser().parseString((await fetchFeed()).xml);
    const second = await new Parser().parseString((await fetchFeed()).xml);
    expect(second.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
  });

  it("escapes titles so that markup stays text", async () => {
    const { xml } = await fetchFeed();
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("& friends");
    const feed = await new Parser().parseString(xml);
    const entry = feed.items.find((item) => item.link === `${server.url}/threats/${hostile.slug}`);
    expect(entry).toBeDefined();
    // type="html": the title is HTML whose text is the threat's title as typed.
    expect(entry!.title).toBe(
      "Bill &lt;script&gt;alert(1)&lt;/script&gt; &amp; friends ]]&gt; &quot;quoted&quot;: Introduced",
    );
  });
});
