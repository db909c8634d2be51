/** The world map of open threats: SVG links per country, the table beside it, no inline styles. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { createThreat, setOutcome } from "../../app/features/threats/mutations.server";
import type { ThreatInput } from "../../app/features/threats/forms";
import { openThreatCounts } from "../../app/features/threats/queries.server";
import { highestSeverity } from "../../app/lib/severity";
import type { Severity } from "../../app/lib/vocabularies";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.34.0.1");
  const actor: User = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", DEMO.staff)
    .executeTakeFirstOrThrow();
  const input = (jurisdiction: string, title: string, severity: Severity): ThreatInput => ({
    jurisdiction,
    kind: "bill",
    title,
    categories: ["encryption"],
    severity,
    firstSeenOn: "2024-01-01",
    sources: [],
  });
  const rows: Array<[string, string, Severity]> = [
    ["FJ", "Fiji online safety bill", "medium"],
    ["FJ", "Fiji lawful access bill", "high"],
    // Mitigated: its critical severity must not shade Fiji.
    ["FJ", "Fiji mitigated bill", "critical"],
    ["EU", "EU map test regulation", "high"],
    ["TO", "Tonga low bill", "low"],
  ];
  for (const [jurisdiction, title, severity] of rows) {
    const result = await createThreat(actor, input(jurisdiction, title, severity));
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    if (title.includes("mitigated")) {
      await setOutcome(actor, result.id, {
        intent: "outcome",
        outcome: "mitigated",
        reason: "Dropped",
        decidedOn: "2024-02-01",
      });
    }
  }
});
afterAll(() => server.close());

async function openCount(code: string): Promise<number> {
  const row = await db
    .selectFrom("threats")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("jurisdiction_code", "=", code)
    .where("outcome", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("highest severity per country", () => {
  it("picks the most severe, and none for an empty set", () => {
    expect(highestSeverity([])).toBeNull();
    expect(highestSeverity(["low"])).toBe("low");
    expect(highestSeverity(["medium", "critical", "low"])).toBe("critical");
    expect(highestSeverity(["high", "medium"])).toBe("high");
  });

  it("counts only open threats, and takes the highest of those", async () => {
    const counts = await openThreatCounts();
    const fiji = counts.find((row) => row.code === "FJ");
    expect(fiji).toMatchObject({ open: 2, highest: "high" });
    expect(counts.find((row) => row.code === "TO")).toMatchObject({ open: 1, highest: "low" });
    expect(counts.find((row) => row.code === "IS")).toBeUndefined();
    // Every row's count is the sum over its severities, never a row per severity.
    expect(new Set(counts.map((row) => row.code)).size).toBe(counts.length);
  });
});

describe("GET /threats/map", () => {
  it("draws each country as a link named with its open threats, shaded by highest severity", async () => {
    const response = await client.get("/threats/map", { "Accept-Language": "en" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<title>Threat map · ");
    expect(html).toMatch(/<svg[^>]*class="world-map"[^>]*viewBox="0 0 1010 666"/);
    expect(html).toContain(
      '<a href="/countries/FJ" aria-label="Fiji: 2 open threats, highest severity High"><title>Fiji: 2 open threats, highest severity High</title>',
    );
    expect(html).toMatch(
      /<a href="\/countries\/FJ"[^>]*>.*?<use href="\/assets\/world-map-[\w-]+\.svg#fj" class="map-country map-severity-high"><\/use>/,
    );
    expect(html).toMatch(/<a href="\/countries\/TO"[^>]*>.*?class="map-country map-severity-low"/);
    // The page points at the shapes; it does not carry them.
    expect(html).not.toContain("<path d=");
    expect(html.length).toBeLessThan(150_000);
    // A country without threats is a link too, in the lightest shade.
    expect(html).toMatch(
      /<a href="\/countries\/IS" aria-label="Iceland: 0 open threats">.*?class="map-country map-severity-none"/,
    );
    expect((html.match(/<a href="\/countries\/[A-Z]{2}" aria-label=/g) ?? []).length).toBeGreaterThan(200);
  });

  it("lists countries with open threats, EU and international fora included, in a table", async () => {
    const html = await (await client.get("/threats/map", { "Accept-Language": "en" })).text();
    const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    expect(table).toContain('<th scope="col">Country</th>');
    expect(table).toContain('<th scope="col">Highest severity</th>');
    expect(table).toMatch(
      /<th scope="row">Fiji<\/th><td class="numeric">2<\/td><td><span class="map-swatch map-severity-high" aria-hidden="true"><\/span> <!-- -->High<\/td><td><a href="\/countries\/FJ">/,
    );
    expect(table).toMatch(
      new RegExp(`<th scope="row">European Union</th><td class="numeric">${await openCount("EU")}</td>`),
    );
    if ((await openCount("INT")) > 0) expect(table).toContain('<a href="/countries/INT">');
    expect(table).not.toContain("Iceland");
  });

  it("has a legend and the map data's attribution, and no inline styles", async () => {
    const html = await (await client.get("/threats/map", { "Accept-Language": "en" })).text();
    expect(html).toContain('class="map-legend"');
    const legend = html.slice(
      html.indexOf('class="map-legend"'),
      html.indexOf("</ul>", html.indexOf('class="map-legend"')),
    );
    for (const level of ["none", "low", "medium", "high", "critical"]) {
      expect(legend).toContain(`class="map-swatch map-severity-${level}"`);
    }
    expect(legend).toContain("No open threats");
    expect(legend).toContain("Critical");
    expect(html).toContain("Victor Cazanave");
    expect(html).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/map-[\w-]+\.css"/);
    expect(html).not.toMatch(/\sstyle="/);
    // Everything comes from this site: no third-party scripts, styles or images.
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:\/\//);
  });

  it("speaks French", async () => {
    const html = await (await client.get("/threats/map", { "Accept-Language": "fr" })).text();
    expect(html).toContain('aria-label="Fidji : 2 menaces en cours, gravité la plus haute Élevée"');
    expect(html).toContain("Carte des menaces");
  });
});

describe("GET /countries/:code", () => {
  it("leads with its counts in words, in both languages, never a raw key", async () => {
    const open = await openCount("FJ");
    const en = await (await client.get("/countries/FJ", { "Accept-Language": "en" })).text();
    expect(en).not.toContain("country.lead");
    expect(en).toMatch(new RegExp(`${open} open threats?, \\d+ tracked in all\\.`));
    const fr = await (await client.get("/countries/FJ", { "Accept-Language": "fr" })).text();
    expect(fr).toMatch(new RegExp(`${open} menaces? en cours, \\d+ suivies au total\\.`));
  });
});
