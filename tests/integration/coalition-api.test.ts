/** The coalition members' open data: its exact contract, filters, pagination and errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { foldName } from "../../app/lib/search";
import { Client, startTestServer, type TestServer } from "../support/app-server";

const FIELDS = ["id", "name", "sector", "jurisdiction", "website", "joined_on", "url"].sort();

interface Body {
  data: Array<{ id: number; name: string; [key: string]: unknown }>;
  meta: { page: number; per_page: number; total: number };
}

let server: TestServer;
let client: Client;
const ids: Record<string, number> = {};

async function member(
  name: string,
  values: { sector: string; jurisdiction: string; status?: "active" | "suspended" | "left" | "applied" },
) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("coalition_members")
    .values({
      name,
      name_folded: foldName(name),
      sector: values.sector,
      jurisdiction_code: values.jurisdiction,
      website: `https://${name.toLowerCase().replace(/\W+/g, "-")}.example`,
      joined_on: "2022-06-15",
      status: values.status ?? "active",
      public_profile: `Profile of ${name}`,
      contact_email: `secret-${name.toLowerCase().replace(/\W+/g, "")}@private.example`,
      search_text: name.toLowerCase(),
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  ids[name] = row.id;
}

async function get(query: string): Promise<{ status: number; body: Body; text: string; response: Response }> {
  const response = await client.get(`/api/v1/coalition/members${query}`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Body, text, response };
}

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.55.0.1");
  // Jurisdictions that the demo data leaves alone, so that filters give exact answers.
  await member("Api Alpha", { sector: "civil_society", jurisdiction: "IS" });
  await member("Api Beta", { sector: "industry", jurisdiction: "LI" });
  await member("Api Gamma", { sector: "academia", jurisdiction: "IS", status: "suspended" });
  await member("Api Delta", { sector: "civil_society", jurisdiction: "MC", status: "left" });
  await member("Api Epsilon", { sector: "civil_society", jurisdiction: "MC", status: "applied" });
  for (const n of [5, 3, 1, 4, 2]) await member(`Api Page ${n}`, { sector: "academia", jurisdiction: "VU" });
});
afterAll(() => server.close());

describe("GET /api/v1/coalition/members", () => {
  it("answers exactly the contract, cacheable and readable from any origin", async () => {
    const { status, body, response } = await get("?q=api%20alpha");
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(Object.keys(body).sort()).toEqual(["data", "meta"]);
    expect(Object.keys(body.meta).sort()).toEqual(["page", "per_page", "total"]);
    expect(body.meta).toEqual({ page: 1, per_page: 30, total: 1 });
    expect(body.data).toHaveLength(1);
    expect(Object.keys(body.data[0]).sort()).toEqual(FIELDS);
    expect(body.data[0]).toEqual({
      id: ids["Api Alpha"],
      name: "Api Alpha",
      sector: "civil_society",
      jurisdiction: "IS",
      website: "https://api-alpha.example",
      joined_on: "2022-06-15",
      url: `${server.url}/coalition/${ids["Api Alpha"]}`,
    });
  });

  it("lists active members only, and never a contact address", async () => {
    const { body, text } = await get("?per_page=100");
    const names = body.data.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(["Api Alpha", "Api Beta", "Api Page 1"]));
    for (const hidden of ["Api Gamma", "Api Delta", "Api Epsilon"]) expect(names).not.toContain(hidden);
    expect(body.data.length).toBe(Math.min(body.meta.total, 100));
    for (const item of body.data) expect(Object.keys(item).sort()).toEqual(FIELDS);
    expect(text).not.toMatch(/contact|private\.example|@/);
    expect((await get("?q=gamma")).body.meta.total).toBe(0);
    expect((await get("?q=private.example")).body.meta.total).toBe(0);
    expect((await get("?q=secret")).body.meta.total).toBe(0);
  });

  it("filters by sector, jurisdiction and text", async () => {
    expect((await get("?sector=industry")).body.data.map((m) => m.name)).toContain("Api Beta");
    expect((await get("?sector=industry")).body.data.every((m) => m.sector === "industry")).toBe(true);
    expect((await get("?sector=industry&jurisdiction=li")).body.data.map((m) => m.name)).toEqual(["Api Beta"]);
    expect((await get("?sector=academia&jurisdiction=LI")).body.meta.total).toBe(0);
    expect((await get("?jurisdiction=IS")).body.data.map((m) => m.name)).toEqual(["Api Alpha"]);
    expect((await get("?jurisdiction=MC")).body).toEqual({ data: [], meta: { page: 1, per_page: 30, total: 0 } });
    const germany = (await get("?jurisdiction=DE&per_page=100")).body.data;
    expect(germany.every((m) => m.jurisdiction === "DE")).toBe(true);
    expect((await get("?q=API%20BETA")).body.data.map((m) => m.name)).toEqual(["Api Beta"]);
    // A LIKE wildcard is a literal character.
    expect((await get("?q=%25")).body.meta.total).toBe(0);
    // Empty parameters are no filter at all.
    expect((await get("?sector=&jurisdiction=&q=&page=&per_page=")).status).toBe(200);
  });

  it("paginates in name order", async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => get(`?jurisdiction=VU&per_page=2&page=${page}`)));
    expect(pages.map((p) => p.body.data.map((m) => m.name))).toEqual([
      ["Api Page 1", "Api Page 2"],
      ["Api Page 3", "Api Page 4"],
      ["Api Page 5"],
      [],
    ]);
    expect(pages.map((p) => p.body.meta)).toEqual([1, 2, 3, 4].map((page) => ({ page, per_page: 2, total: 5 })));
  });

  it("answers 400 naming each bad or unknown parameter", async () => {
    const cases: Array<[string, string[]]> = [
      ["?per_page=101", ["per_page"]],
      ["?per_page=0", ["per_page"]],
      ["?page=0", ["page"]],
      ["?page=abc&per_page=1.5", ["page", "per_page"]],
      ["?sector=bakery", ["sector"]],
      ["?jurisdiction=France", ["jurisdiction"]],
      [`?q=${"x".repeat(201)}`, ["q"]],
      ["?status=suspended", ["status"]],
      ["?year=2022", ["year"]],
      ["?contact_email=x", ["contact_email"]],
      ["?__proto__=x&toString=y&constructor=z", ["__proto__", "constructor", "toString"]],
    ];
    for (const [query, parameters] of cases) {
      const { status, body, response } = await get(query);
      expect(status, query).toBe(400);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const error = body as unknown as { error: string; parameters: Record<string, string> };
      expect(error.error).toBe("invalid_parameters");
      expect(Object.keys(error.parameters).sort(), query).toEqual(parameters);
      for (const message of Object.values(error.parameters)) expect(typeof message).toBe("string");
    }
  });
});
