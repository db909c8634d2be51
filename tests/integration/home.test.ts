/**
 * The live home page: the open letters with their counts, the open campaigns, the threats that
 * changed last, the coming Global Encryption Day's events and this year's targets, each matching
 * the data; an empty state where there is nothing; French for a French reader.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "198.51.100.50");
});
afterAll(() => server.close());

const home = async (headers?: Record<string, string>) => {
  const response = await client.get("/", headers);
  expect(response.status).toBe(200);
  return response.text();
};

function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}-title"`);
  expect(start, id).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

describe("home page", () => {
  it("lists the open letters with their confirmed counts, and links to each", async () => {
    const open = await db
      .selectFrom("open_letters")
      .select(["slug", "confirmed_count", "signature_goal"])
      .where("status", "=", "open")
      .execute();
    expect(open.length).toBeGreaterThan(0);
    const letters = section(await home(), "home-letters");
    for (const letter of open.slice(0, 3)) {
      expect(letters).toContain(`href="/letters/${letter.slug}"`);
      expect(letters).toContain(`${letter.confirmed_count.toLocaleString("en")} signature`);
    }
    const drafts = await db.selectFrom("open_letters").select("slug").where("status", "=", "draft").execute();
    for (const draft of drafts) expect(letters).not.toContain(`/letters/${draft.slug}"`);
  });

  it("lists the threats that changed last, newest first, with their country and stage", async () => {
    const latest = await db
      .selectFrom("threats")
      .select(["slug"])
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .limit(5)
      .execute();
    const threats = section(await home(), "home-threats");
    const positions = latest.map((t) => threats.indexOf(`href="/threats/${t.slug}"`));
    expect(positions.every((p) => p > -1)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("shows the open campaigns, the coming edition's events and this year's targets", async () => {
    const html = await home();
    const campaigns = await db.selectFrom("letter_campaigns").select("slug").where("status", "=", "open").execute();
    for (const c of campaigns.slice(0, 3)) expect(section(html, "home-campaigns")).toContain(`/campaigns/${c.slug}"`);
    expect(section(html, "home-events")).toMatch(/Global Encryption Day \d{4}/);
    const year = new Date().getUTCFullYear();
    const targets = await db.selectFrom("targets").select("id").where("year", "=", year).execute();
    const summary = section(html, "home-targets");
    expect(summary).toContain(`Our targets for ${year}`);
    expect(summary).toMatch(new RegExp(`\\d+ of ${targets.length} met`));
  });

  it("reads in French for a French reader", async () => {
    const html = await home({ "Accept-Language": "fr" });
    expect(html).toContain("Signer une lettre ouverte");
    expect(html).toContain("Menaces qui ont évolué récemment");
  });

  it("says so when nothing is open", async () => {
    await db.updateTable("open_letters").set({ status: "closed" }).where("status", "=", "open").execute();
    await db.updateTable("letter_campaigns").set({ status: "closed" }).where("status", "=", "open").execute();
    const html = await home();
    expect(section(html, "home-letters")).toContain("No open letter is taking signatures right now.");
    expect(section(html, "home-campaigns")).toContain("No letter campaign is open right now.");
  });
});
