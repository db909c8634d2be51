/** The open-data API: its exact contract, filters, pagination and errors, hostile input included. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { listActiveProperties, saveAssessment } from "../../app/features/threats/assessments.server";
import { recordStep, createThreat, setOutcome } from "../../app/features/threats/mutations.server";
import type { ThreatInput } from "../../app/features/threats/forms";
import { createStatement } from "../../app/features/threats/statements.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

const LIST_FIELDS = [
  "id",
  "slug",
  "jurisdiction",
  "kind",
  "identifier",
  "title",
  "short_name",
  "categories",
  "severity",
  "stage",
  "outcome",
  "first_seen_on",
  "updated_at",
  "url",
].sort();
// `summary_language` and `original_language`: which language the summary is in, and the original's.
const DETAIL_FIELDS = [
  ...LIST_FIELDS,
  "summary",
  "summary_language",
  "original_language",
  "actions",
  "statements",
  "assessment",
].sort();

interface ApiItem {
  id: number;
  slug: string;
  [key: string]: unknown;
}
interface ListBody {
  data: ApiItem[];
  meta: { page: number; per_page: number; total: number };
}

let server: TestServer;
let client: Client;
let staff: User;
const slugs: Record<"osb" | "earn" | "sren" | "csar", string> = { osb: "", earn: "", sren: "", csar: "" };
const ids: Record<string, number> = {};

function threat(input: Partial<ThreatInput> & Pick<ThreatInput, "jurisdiction" | "title">): ThreatInput {
  return {
    kind: "bill",
    categories: ["encryption"],
    severity: "high",
    firstSeenOn: "2023-01-01",
    sources: [],
    ...input,
  };
}

async function create(key: keyof typeof slugs, input: ThreatInput) {
  const result = await createThreat(staff, input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  slugs[key] = result.slug;
  ids[key] = result.id;
}

async function list(query = ""): Promise<ListBody> {
  const response = await client.get(`/api/v1/threats${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ListBody;
}

/** The test's own threats among the answers (the demo seed has threats of its own). */
async function slugsOf(query: string): Promise<string[]> {
  const mine = new Set(Object.values(slugs));
  const separator = query ? "&" : "?";
  return (await list(`${query}${separator}per_page=100`)).data
    .map((item) => item.slug)
    .filter((slug) => mine.has(slug))
    .sort();
}

async function totalOf(query: string): Promise<number> {
  return (await list(query)).meta.total;
}

async function threatCount(): Promise<number> {
  const row = await db
    .selectFrom("threats")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function tableCounts() {
  const counts: Record<string, number> = {};
  for (const table of ["threats", "threat_actions", "threat_categories", "policymaker_statements", "users"] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.31.0.1");
  staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();

  await create(
    "osb",
    threat({
      jurisdiction: "NZ",
      title: "Online Safety Bill",
      shortName: "Online Safety Bill",
      identifier: "HL Bill 87",
      categories: ["privacy", "encryption"],
      severity: "critical",
      firstSeenOn: "2022-03-17",
      summary: "Lets **Ofcom** require scanning of private messages. Quokka.",
      sources: ["https://bills.parliament.uk/bills/3137"],
    }),
  );
  await recordStep(staff, ids.osb, {
    intent: "action",
    occurredOn: "2022-03-17",
    classification: "introduced",
    note: "First reading",
    sourceUrl: "https://bills.parliament.uk/bills/3137/stages",
  });
  await recordStep(staff, ids.osb, { intent: "action", occurredOn: "2023-10-26", classification: "enacted" });
  await setOutcome(staff, ids.osb, {
    intent: "outcome",
    outcome: "not_mitigated",
    reason: "Enacted with the scanning power",
    decidedOn: "2023-10-26",
  });

  await create(
    "earn",
    threat({
      jurisdiction: "JP",
      title: "EARN IT Act of 2023",
      summary: "Quokka.",
      shortName: "EARN IT",
      identifier: "S. 1207",
      categories: ["encryption", "intermediary_liability"],
      firstSeenOn: "2023-04-19",
    }),
  );
  await recordStep(staff, ids.earn, { intent: "action", occurredOn: "2023-04-19", classification: "introduced" });
  const statement = await createStatement(staff, {
    speaker: "Senator Example",
    speakerRole: "Senator",
    jurisdiction: "JP",
    statedOn: "2023-05-04",
    stance: "supportive",
    kind: "statement",
    quote: "We must act.",
    url: "https://example.org/statement",
    threatSlug: slugs.earn,
  });
  expect(statement).toBeNull();

  await create(
    "sren",
    threat({
      jurisdiction: "FR",
      kind: "bill",
      title: "Projet de loi visant à sécuriser et réguler l'espace numérique",
      shortName: "Loi SREN",
      categories: ["fragmentation"],
      severity: "medium",
      firstSeenOn: "2023-05-10",
      summary: "Filtrage à 100% des sites visés. Quokka.",
    }),
  );
  await recordStep(staff, ids.sren, { intent: "action", occurredOn: "2023-05-10", classification: "introduced" });

  await create(
    "csar",
    threat({
      jurisdiction: "CH",
      kind: "regulation",
      summary: "Quokka.",
      title: "Regulation laying down rules to prevent and combat child sexual abuse",
      shortName: "CSA Regulation",
      identifier: "2022_0155(COD)",
      categories: ["encryption", "privacy"],
      severity: "critical",
      firstSeenOn: "2022-05-11",
    }),
  );
  const properties = await listActiveProperties();
  await saveAssessment(staff, ids.csar, {
    summary: "Breaks end-to-end encryption.",
    ratings: properties.map((p, i) => ({
      propertyId: p.id,
      rating: i === 0 ? "severe" : "none",
      note: i === 0 ? "Scanning" : undefined,
    })),
  });
});
afterAll(() => server.close());

describe("GET /api/v1/threats", () => {
  it("answers the contract's fields exactly, with open-data headers", async () => {
    const response = await client.get("/api/v1/threats");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as ListBody;
    expect(Object.keys(body).sort()).toEqual(["data", "meta"]);
    expect(body.meta).toEqual({ page: 1, per_page: 25, total: await threatCount() });
    for (const item of body.data) expect(Object.keys(item).sort()).toEqual(LIST_FIELDS);
    const osb = body.data.find((item) => item.slug === slugs.osb);
    expect(osb).toEqual({
      id: ids.osb,
      slug: slugs.osb,
      jurisdiction: "NZ",
      kind: "bill",
      identifier: "HL Bill 87",
      title: "Online Safety Bill",
      short_name: "Online Safety Bill",
      categories: ["encryption", "privacy"],
      severity: "critical",
      stage: "enacted",
      outcome: "not_mitigated",
      first_seen_on: "2022-03-17",
      updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      url: `${server.url}/threats/${slugs.osb}`,
    });
    const csar = body.data.find((item) => item.slug === slugs.csar)!;
    expect(csar.stage).toBeNull();
    expect(csar.outcome).toBe("open");
  });

  it("never shows internal fields", async () => {
    const text = await (await client.get("/api/v1/threats")).text();
    expect(text).not.toContain("search_text");
    expect(text).not.toContain("@example.org");
    expect(text).not.toContain("jurisdiction_name");
  });

  it("paginates with meta", async () => {
    const first = await list("?q=quokka&per_page=3");
    expect(first.meta).toEqual({ page: 1, per_page: 3, total: 4 });
    expect(first.data).toHaveLength(3);
    const second = await list("?q=quokka&per_page=3&page=2");
    expect(second.meta).toEqual({ page: 2, per_page: 3, total: 4 });
    expect(second.data).toHaveLength(1);
    const all = [...first.data, ...second.data].map((item) => item.slug).sort();
    expect(all).toEqual(Object.values(slugs).sort());
    const beyond = await list("?q=quokka&per_page=3&page=9");
    expect(beyond).toEqual({ data: [], meta: { page: 9, per_page: 3, total: 4 } });
    const everything = await list("?per_page=100");
    expect(everything.meta).toEqual({ page: 1, per_page: 100, total: await threatCount() });
    expect(everything.data).toHaveLength(Math.min(100, await threatCount()));
  });

  it("filters by jurisdiction, category, stage and outcome", async () => {
    expect(await slugsOf("?jurisdiction=NZ")).toEqual([slugs.osb]);
    expect(await slugsOf("?jurisdiction=nz")).toEqual([slugs.osb]);
    expect(await slugsOf("?jurisdiction=CH")).toEqual([slugs.csar]);
    expect(await totalOf("?jurisdiction=NZ")).toBe(1);
    expect(await totalOf("?jurisdiction=AQ")).toBe(0);
    expect(await slugsOf("?category=fragmentation")).toEqual([slugs.sren]);
    expect(await slugsOf("?category=encryption")).toEqual([slugs.osb, slugs.earn, slugs.csar].sort());
    expect(await slugsOf("?stage=enacted")).toEqual([slugs.osb]);
    expect(await slugsOf("?stage=introduced")).toEqual([slugs.earn, slugs.sren].sort());
    expect(await slugsOf("?stage=none")).toEqual([slugs.csar]);
    expect(await slugsOf("?outcome=not_mitigated")).toEqual([slugs.osb]);
    expect(await slugsOf("?outcome=open")).toEqual([slugs.earn, slugs.sren, slugs.csar].sort());
    expect(await slugsOf("?category=encryption&outcome=open&jurisdiction=JP")).toEqual([slugs.earn]);
    expect(await slugsOf("?severity=medium")).toEqual([slugs.sren]);
    expect(await totalOf("?category=encryption&q=quokka&per_page=1")).toBe(3);
    // Every answer really matches its filter, the demo seed's threats included.
    for (const item of (await list("?category=privacy&per_page=100")).data)
      expect(item.categories).toContain("privacy");
    for (const item of (await list("?stage=enacted&per_page=100")).data) expect(item.stage).toBe("enacted");
    for (const item of (await list("?outcome=mitigated&per_page=100")).data) expect(item.outcome).toBe("mitigated");
  });

  it("searches title, short name, identifier and summary, ignoring case and accents", async () => {
    expect(await slugsOf("?q=earn")).toEqual([slugs.earn]);
    expect(await slugsOf("?q=S.%201207")).toEqual([slugs.earn]);
    expect(await slugsOf("?q=ofcom")).toEqual([slugs.osb]);
    expect(await slugsOf("?q=securiser")).toEqual([slugs.sren]);
    expect(await slugsOf(`?q=${encodeURIComponent("SÉCURISER")}`)).toEqual([slugs.sren]);
    expect(await slugsOf(`?q=${encodeURIComponent("  Loi   sren ")}`)).toEqual([slugs.sren]);
    expect(await slugsOf("?q=nothing-matches-this")).toEqual([]);
  });

  it("treats % and _ in a search as literal characters", async () => {
    const total = await threatCount();
    expect(await totalOf(`?q=${encodeURIComponent("%")}`)).toBeLessThan(total);
    expect(await totalOf(`?q=${encodeURIComponent("_")}`)).toBeLessThan(total);
    expect(await slugsOf(`?q=${encodeURIComponent("%")}`)).toEqual([slugs.sren]);
    expect(await slugsOf(`?q=${encodeURIComponent("100%")}`)).toEqual([slugs.sren]);
    expect(await slugsOf(`?q=${encodeURIComponent("_")}`)).toEqual([slugs.csar]);
    expect(await slugsOf(`?q=${encodeURIComponent("2022_0155")}`)).toEqual([slugs.csar]);
    expect(await totalOf(`?q=${encodeURIComponent("\\")}`)).toBe(0);
  });

  it("takes the first of repeated parameters", async () => {
    expect(await slugsOf("?jurisdiction=NZ&jurisdiction=JP")).toEqual([slugs.osb]);
  });
});

describe("API errors", () => {
  const cases: Array<[string, string[]]> = [
    ["?category=nope", ["category"]],
    ["?stage=signed", ["stage"]],
    ["?outcome=closed", ["outcome"]],
    ["?jurisdiction=USA", ["jurisdiction"]],
    ["?per_page=1000", ["per_page"]],
    ["?per_page=0", ["per_page"]],
    ["?page=-1", ["page"]],
    ["?page=0", ["page"]],
    ["?page=abc", ["page"]],
    ["?page=1.5", ["page"]],
    ["?page=1e400", ["page"]],
    [`?q=${"x".repeat(10_000)}`, ["q"]],
    ["?foo=bar", ["foo"]],
    ["?sort=title&page=-3&category=x", ["category", "page", "sort"]],
  ];
  for (const [query, names] of cases) {
    it(`400 names the parameter for ${query.slice(0, 40)}`, async () => {
      const response = await client.get(`/api/v1/threats${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("cache-control")).not.toMatch(/public/);
      const body = (await response.json()) as { error: string; parameters: Record<string, string> };
      expect(body.error).toBe("invalid_parameters");
      expect(Object.keys(body.parameters).sort()).toEqual(names);
      for (const message of Object.values(body.parameters)) expect(typeof message).toBe("string");
    });
  }

  it("404 JSON for an unknown threat or jurisdiction", async () => {
    for (const path of [
      "/api/v1/threats/no-such-threat",
      `/api/v1/threats/${"a".repeat(10_000)}`,
      `/api/v1/threats/${encodeURIComponent("'; DROP TABLE threats; --")}`,
      "/api/v1/jurisdictions/XX",
      "/api/v1/jurisdictions/zz",
      "/api/v1/jurisdictions/USA",
      `/api/v1/jurisdictions/${encodeURIComponent("É")}`,
    ]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ error: "not_found" });
    }
  });
});

describe("GET /api/v1/threats/:slug", () => {
  it("adds the Markdown summary, actions, statements and assessment", async () => {
    const response = await client.get(`/api/v1/threats/${slugs.osb}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as ApiItem & { actions: unknown[]; summary: string; assessment: unknown };
    expect(Object.keys(body).sort()).toEqual(DETAIL_FIELDS);
    expect(body.summary).toBe("Lets **Ofcom** require scanning of private messages. Quokka.");
    expect(body.actions).toEqual([
      {
        date: "2022-03-17",
        classification: "introduced",
        note: "First reading",
        source: "https://bills.parliament.uk/bills/3137/stages",
      },
      { date: "2023-10-26", classification: "enacted", note: null, source: null },
    ]);
    expect(body.assessment).toBeNull();
    expect(body.url).toBe(`${server.url}/threats/${slugs.osb}`);
  });

  it("lists the threat's statements without who recorded them", async () => {
    const body = (await (await client.get(`/api/v1/threats/${slugs.earn}`)).json()) as { statements: unknown[] };
    expect(body.statements).toEqual([
      {
        id: expect.any(Number),
        speaker: "Senator Example",
        role: "Senator",
        body: null,
        jurisdiction: "JP",
        date: "2023-05-04",
        stance: "supportive",
        kind: "statement",
        quote: "We must act.",
        url: "https://example.org/statement",
      },
    ]);
  });

  it("shows the impact assessment with property keys and English names", async () => {
    const body = (await (await client.get(`/api/v1/threats/${slugs.csar}`)).json()) as {
      assessment: { summary: string; updated_at: string; ratings: Array<Record<string, unknown>> };
      actions: unknown[];
      stage: null;
    };
    expect(body.actions).toEqual([]);
    expect(body.stage).toBeNull();
    expect(Object.keys(body.assessment).sort()).toEqual(["ratings", "summary", "updated_at"]);
    expect(body.assessment.summary).toBe("Breaks end-to-end encryption.");
    expect(body.assessment.ratings.length).toBeGreaterThan(0);
    for (const rating of body.assessment.ratings) {
      expect(Object.keys(rating).sort()).toEqual(["kind", "name", "note", "property", "rating"]);
    }
    expect(body.assessment.ratings.filter((r) => r.rating === "severe")).toEqual([
      expect.objectContaining({ rating: "severe", note: "Scanning" }),
    ]);
  });

  it("rejects query parameters it does not know", async () => {
    const response = await client.get(`/api/v1/threats/${slugs.osb}?expand=all`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_parameters", parameters: { expand: "unknown parameter" } });
  });
});

describe("GET /api/v1/jurisdictions/:code", () => {
  it("counts threats and statements", async () => {
    const jp = await client.get("/api/v1/jurisdictions/JP");
    expect(jp.status).toBe(200);
    expect(jp.headers.get("content-type")).toMatch(/^application\/json/);
    expect(jp.headers.get("cache-control")).toBe("public, max-age=60");
    expect(jp.headers.get("access-control-allow-origin")).toBe("*");
    const name = async (code: string) =>
      (await db.selectFrom("jurisdictions").select("name_en").where("code", "=", code).executeTakeFirstOrThrow())
        .name_en;
    expect(await jp.json()).toEqual({
      code: "JP",
      name: await name("JP"),
      ocd_division_id: "ocd-division/country:jp",
      open_threats: 1,
      threats_total: 1,
      statements: 1,
    });
    const nz = await (await client.get("/api/v1/jurisdictions/nz")).json();
    expect(nz).toEqual({
      code: "NZ",
      name: await name("NZ"),
      ocd_division_id: "ocd-division/country:nz",
      open_threats: 0,
      threats_total: 1,
      statements: 0,
    });
    const aq = await (await client.get("/api/v1/jurisdictions/AQ")).json();
    expect(aq).toEqual({
      code: "AQ",
      name: await name("AQ"),
      ocd_division_id: "ocd-division/country:aq",
      open_threats: 0,
      threats_total: 0,
      statements: 0,
    });
    const eu = (await (await client.get("/api/v1/jurisdictions/EU")).json()) as Record<string, unknown>;
    expect(Object.keys(eu).sort()).toEqual([
      "code",
      "name",
      "ocd_division_id",
      "open_threats",
      "statements",
      "threats_total",
    ]);
    // Not a country: no division of its own.
    expect(eu).toMatchObject({ code: "EU", name: "European Union", ocd_division_id: null });
  });
});

describe("hostile input", () => {
  it("never answers 5xx and writes nothing", async () => {
    const before = await tableCounts();
    const drop = encodeURIComponent("'; DROP TABLE threats; --");
    // Long, but under Node's 16 kB limit for the request line and headers.
    const big = "é".repeat(1_500) + "x".repeat(4_000);
    const paths = [
      `/api/v1/threats?q=${drop}`,
      `/api/v1/threats?jurisdiction=${drop}`,
      `/api/v1/threats?category=${drop}`,
      `/api/v1/threats?${drop}=1`,
      "/api/v1/threats?q=%",
      "/api/v1/threats?q=%25%25",
      "/api/v1/threats?q=%E0%A4%A",
      "/api/v1/threats?q=%00",
      `/api/v1/threats?q=${encodeURIComponent(big)}`,
      `/api/v1/threats?q=${encodeURIComponent("💣🔐 ﷽ \u202e")}`,
      `/api/v1/threats?jurisdiction=${encodeURIComponent("ÉÉ")}`,
      "/api/v1/threats?per_page=1000",
      "/api/v1/threats?page=-1",
      "/api/v1/threats?page=99999999999999999999",
      "/api/v1/threats?page=100000&per_page=100",
      "/api/v1/threats?page=1&page=2&page=-1",
      "/api/v1/threats?category[]=encryption",
      "/api/v1/threats?__proto__=1",
      "/api/v1/threats?constructor=x&toString=y",
      "/api/v1/threats?q",
      "/api/v1/threats?=",
      `/api/v1/threats/${drop}`,
      `/api/v1/threats/${encodeURIComponent(big)}`,
      "/api/v1/threats/%E0%A4%A",
      "/api/v1/threats/%F0%9F%92%A9",
      "/api/v1/threats/..%2F..%2Fetc%2Fpasswd",
      `/api/v1/jurisdictions/${drop}`,
      "/api/v1/jurisdictions/%25",
      "/api/v1/jurisdictions/INT",
      `/api/v1/jurisdictions/${encodeURIComponent(big)}`,
    ];
    for (const path of paths) {
      const response = await client.get(path);
      expect(response.status, path).toBeLessThan(500);
      // A path that is not valid percent-encoding matches no route: the site's own 404 page.
      if (path.includes("%E0%A4%A")) continue;
      expect(response.headers.get("content-type"), path).toMatch(/^application\/json/);
      await response.json();
    }
    expect(await tableCounts()).toEqual(before);
  });
});
