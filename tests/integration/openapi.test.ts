/**
 * The OpenAPI document of `/api/v1`: a valid OpenAPI 3.1 document, a path for every API route file,
 * and every endpoint's real answers (200, 400, 404) valid against the JSON Schema the document
 * publishes for them (Ajv 2020-12 on the document, not the Zod schemas it was generated from).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import { ROOT } from "../support/paths";

interface Operation {
  parameters?: Array<{ name: string; in: string; description?: string }>;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  tags?: string[];
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string }>;
  paths: Record<string, { get?: Operation }>;
}

let server: TestServer;
let client: Client;
let document: Document;
let ajv: Ajv2020;

/** The validator of the answer the document publishes for `path` (its template), `status` and media type. */
function validatorFor(template: string, status: number, media = "application/json"): ValidateFunction {
  const operation = document.paths[template]?.get;
  expect(operation, `${template} is in the document`).toBeDefined();
  expect(operation!.responses[status]?.content?.[media], `${template} documents ${status} ${media}`).toBeDefined();
  const pointer = `/paths/${template.replaceAll("~", "~0").replaceAll("/", "~1")}/get/responses/${status}/content/${media.replace("/", "~1")}/schema`;
  const validate = ajv.getSchema(`openapi.json#${pointer}`);
  if (!validate) throw new Error(`no schema at ${pointer}`);
  return validate;
}

async function answer(url: string) {
  const response = await client.get(url);
  return { response, body: (await response.json()) as unknown };
}

/** Fetches `url` and checks its status, media type and body against the document. */
async function expectDocumented(template: string, url: string, status: number, media = "application/json") {
  const { response, body } = await answer(url);
  expect(response.status, url).toBe(status);
  expect(response.headers.get("content-type"), url).toMatch(new RegExp(`^${media.replace("+", "\\+")}`));
  const validate = validatorFor(template, status, media);
  expect(validate(body) ? [] : validate.errors, url).toEqual([]);
  return body as Record<string, unknown> & { data?: Array<Record<string, unknown>> };
}

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.61.0.1");
  const response = await client.get("/api/v1/openapi.json");
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, "openapi.json");
});
afterAll(() => server.close());

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(document.openapi).toBe("3.1.0");
  });

  it("is served like the other endpoints, with the site's address and a tag per area", async () => {
    const response = await client.get("/api/v1/openapi.json");
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(document.servers).toEqual([{ url: server.url }]);
    expect(document.info.title).toMatch(/open data/i);
    const tags = document.tags.map((t) => t.name);
    for (const op of Object.values(document.paths)) expect(tags).toContain(op.get?.tags?.[0]);
    expect(tags).toEqual(expect.arrayContaining(["threats", "coalition", "events", "letters", "lawmakers"]));
  });

  it("has a path for every API route file, and no path without one", () => {
    const files = readdirSync(path.join(ROOT, "app/routes")).filter((f) => f.startsWith("api.v1."));
    expect(files.length).toBeGreaterThanOrEqual(12);
    const routePaths = files.map(
      (file) =>
        "/api/v1/" +
        file
          .replace(/^api\.v1\./, "")
          .replace(/\.tsx?$/, "")
          .replaceAll("[.]", "\u0000")
          .split(".")
          .map((segment) => (segment.startsWith("$") ? `{${segment.slice(1)}}` : segment))
          .join("/")
          .replaceAll("\u0000", "."),
    );
    expect(routePaths).toContain("/api/v1/threats.geojson");
    expect(routePaths).toContain("/api/v1/threats/{slug}");
    expect(routePaths.filter((p) => !(p in document.paths))).toEqual([]);
    expect(Object.keys(document.paths).filter((p) => !routePaths.includes(p))).toEqual([]);
  });

  it("describes every parameter, from the schemas the endpoints parse with", () => {
    for (const [template, item] of Object.entries(document.paths))
      for (const parameter of item.get?.parameters ?? [])
        expect(parameter.description, `${template} ${parameter.name}`).toMatch(/\w/);
    const names = (template: string) => document.paths[template].get?.parameters?.map((p) => p.name);
    expect(names("/api/v1/threats")).toEqual([
      "jurisdiction",
      "category",
      "stage",
      "outcome",
      "severity",
      "year",
      "q",
      "page",
      "per_page",
    ]);
    expect(names("/api/v1/coalition/members")).toEqual(["sector", "jurisdiction", "q", "page", "per_page"]);
    expect(names("/api/v1/lawmakers")).toEqual([
      "jurisdiction",
      "body",
      "party",
      "constituency",
      "ocd_division_id",
      "ocd_division_prefix",
      "q",
      "page",
      "per_page",
    ]);
    expect(names("/api/v1/threats/{slug}")).toEqual(["slug", "lang"]);
    expect(names("/api/v1/targets")).toEqual(["year"]);
  });

  it("rejects answers that break the contract (the checks below can fail)", () => {
    const validate = validatorFor("/api/v1/threats", 200);
    const page = { data: [], meta: { page: 1, per_page: 25, total: 0 } };
    expect(validate(page)).toBe(true);
    expect(validate({ ...page, extra: 1 })).toBe(false);
    expect(validate({ data: [{ id: 1 }], meta: page.meta })).toBe(false);
    expect(validatorFor("/api/v1/lawmakers", 200)({ ...page, data: [{ id: 1, name: "A" }] })).toBe(false);
  });
});

describe("every endpoint's answers match the document", () => {
  it("threats: the list and each threat's detail", async () => {
    const list = await expectDocumented("/api/v1/threats", "/api/v1/threats?per_page=100", 200);
    expect(list.data!.length).toBeGreaterThan(5);
    let assessed = 0;
    let stated = 0;
    for (const threat of list.data!.slice(0, 40)) {
      const detail = await expectDocumented(
        "/api/v1/threats/{slug}",
        `/api/v1/threats/${encodeURIComponent(String(threat.slug))}`,
        200,
      );
      if (detail.assessment) assessed++;
      if ((detail.statements as unknown[]).length) stated++;
    }
    // The nullable and nested parts of the schema were exercised, not only the empty ones.
    expect(assessed).toBeGreaterThan(0);
    expect(stated).toBeGreaterThan(0);
    await expectDocumented(
      "/api/v1/threats",
      "/api/v1/threats?category=encryption&outcome=open&page=2&per_page=3",
      200,
    );
  });

  it("threats.geojson", async () => {
    const body = await expectDocumented(
      "/api/v1/threats.geojson",
      "/api/v1/threats.geojson",
      200,
      "application/geo+json",
    );
    expect((body.features as unknown[]).length).toBeGreaterThan(0);
  });

  it("jurisdictions", async () => {
    for (const code of ["KE", "us", "EU", "INT"])
      await expectDocumented("/api/v1/jurisdictions/{code}", `/api/v1/jurisdictions/${code}`, 200);
  });

  it("coalition members, events, lawmakers and targets", async () => {
    for (const [template, url] of [
      ["/api/v1/coalition/members", "/api/v1/coalition/members?per_page=100"],
      ["/api/v1/events", "/api/v1/events?per_page=100"],
      ["/api/v1/lawmakers", "/api/v1/lawmakers?per_page=100"],
      ["/api/v1/targets", "/api/v1/targets?year=2024"],
    ]) {
      const body = await expectDocumented(template, url, 200);
      expect(body.data!.length, url).toBeGreaterThan(0);
    }
  });

  it("letters: the list and each letter", async () => {
    const list = await expectDocumented("/api/v1/letters", "/api/v1/letters", 200);
    expect(list.data!.length).toBeGreaterThan(0);
    for (const letter of list.data!)
      await expectDocumented("/api/v1/letters/{slug}", `/api/v1/letters/${String(letter.slug)}`, 200);
  });

  it("a published report", async () => {
    const body = await expectDocumented("/api/v1/reports/{year}", "/api/v1/reports/2024", 200);
    expect((body.figures as unknown[]).length).toBeGreaterThan(0);
  });

  it("the document itself", async () => {
    await expectDocumented("/api/v1/openapi.json", "/api/v1/openapi.json", 200);
  });
});

describe("the document's example requests", () => {
  it("each answers 200 on the demo data", async () => {
    for (const [template, item] of Object.entries(document.paths)) {
      const operation = item.get as Operation & { "x-example"?: string };
      expect(operation["x-example"], template).toBeDefined();
      const url = operation["x-example"]!.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const parameter = operation.parameters?.find((p) => p.in === "path" && p.name === name) as
          { schema?: { example?: unknown } } | undefined;
        return encodeURIComponent(String(parameter?.schema?.example));
      });
      expect((await client.get(url)).status, url).toBe(200);
    }
  });
});

describe("the error answers match the document's error schemas", () => {
  it("400 invalid_parameters, for every endpoint that documents it", async () => {
    const documented = Object.entries(document.paths).filter(([, item]) => item.get?.responses["400"]);
    expect(documented.length).toBeGreaterThanOrEqual(9);
    const concrete: Record<string, string> = { slug: "no-such-thing", code: "KE", year: "2024" };
    for (const [template] of documented) {
      const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => concrete[name]) + "?no_such_parameter=1";
      const body = await expectDocumented(template, url, 400);
      expect(body).toEqual({ error: "invalid_parameters", parameters: { no_such_parameter: "unknown parameter" } });
    }
    const bad = await expectDocumented("/api/v1/threats", "/api/v1/threats?severity=apocalyptic&per_page=1000", 400);
    expect(Object.keys(bad.parameters as object).sort()).toEqual(["per_page", "severity"]);
    await expectDocumented("/api/v1/targets", "/api/v1/targets?year=1999", 400);
  });

  it("404 not_found, for every endpoint that documents it", async () => {
    const missing: Record<string, string> = {
      "/api/v1/threats/{slug}": "/api/v1/threats/no-such-threat",
      "/api/v1/jurisdictions/{code}": "/api/v1/jurisdictions/XX",
      "/api/v1/letters/{slug}": "/api/v1/letters/no-such-letter",
      "/api/v1/reports/{year}": "/api/v1/reports/2031",
    };
    const documented = Object.keys(document.paths).filter((p) => document.paths[p].get?.responses["404"]);
    expect(documented.sort()).toEqual(Object.keys(missing).sort());
    for (const [template, url] of Object.entries(missing))
      expect(await expectDocumented(template, url, 404)).toEqual({ error: "not_found" });
  });
});

describe("the /api reference page", () => {
  it("shows each endpoint with its parameters, an example request and its answer's fields", async () => {
    const response = await client.get("/api");
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const template of Object.keys(document.paths))
      expect(html).toContain(`<code>${template.replaceAll("&", "&amp;")}</code></h3>`);
    expect(html).toContain('<th scope="col">Parameter</th>');
    expect(html).toContain('<th scope="col">Field</th>');
    expect(html).toContain(`${server.url}/api/v1/threats?category=encryption&amp;outcome=open&amp;per_page=10`);
    // A nested field of the threat detail, with its type and the description from the document.
    expect(html).toMatch(
      /<code>assessment\.ratings\[\]\.rating<\/code><\/th><td><code>string<\/code><\/td><td><span lang="en">The impact on it\.<\/span>/,
    );
    expect(html).toContain('href="/api/v1/openapi.json"');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
  });

  it("has French chrome", async () => {
    const html = await (await client.get("/api", { "Accept-Language": "fr" })).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("API de données ouvertes");
    expect(html).toContain('<th scope="col">Champ</th>');
    expect(html).toContain("Exemple de requête");
  });

  it("is linked from the footer of every page", async () => {
    const html = await (await client.get("/")).text();
    expect(html).toContain('<a href="/api">Open data API</a>');
  });
});

describe("the document's construction", () => {
  it("is built once per process and address, then served from memory", async () => {
    const { openApiDocument } = await import("../../app/features/open-data/openapi.server");
    const first = openApiDocument("https://hub.example.org");
    expect(openApiDocument("https://hub.example.org")).toBe(first);
    expect(first.servers).toEqual([{ url: "https://hub.example.org" }]);
    expect(openApiDocument("https://other.example.org")).not.toBe(first);
  });
});
