/**
 * `GET /api/v1/threats.geojson`: a valid RFC 7946 FeatureCollection, one feature per jurisdiction
 * with open threats (counts and highest severity as in the database), points in range, links.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../../db/connection";
import { SEVERITIES } from "../../app/lib/vocabularies";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "198.51.100.41");
});
afterAll(() => server.close());

interface Feature {
  type: string;
  id: string;
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: {
    jurisdiction: string;
    url: string;
    active_threats: number;
    highest_severity: string;
    threats: Array<{ slug: string; url: string; severity: string }>;
  };
}

it("answers a FeatureCollection whose features match the open threats per jurisdiction", async () => {
  const response = await client.get("/api/v1/threats.geojson");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/geo+json");
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const body = (await response.json()) as { type: string; features: Feature[] };
  expect(body.type).toBe("FeatureCollection");

  const open = await db
    .selectFrom("threats")
    .select(["jurisdiction_code", "severity", "slug"])
    .where("outcome", "=", "open")
    .execute();
  const expected = new Map<string, { n: number; top: number }>();
  for (const t of open) {
    const e = expected.get(t.jurisdiction_code) ?? { n: 0, top: -1 };
    expected.set(t.jurisdiction_code, { n: e.n + 1, top: Math.max(e.top, SEVERITIES.indexOf(t.severity)) });
  }
  expect(body.features.map((f) => f.id).sort()).toEqual([...expected.keys()].sort());
  for (const feature of body.features) {
    expect(feature.type).toBe("Feature");
    const want = expected.get(feature.id)!;
    expect(feature.properties.active_threats).toBe(want.n);
    expect(feature.properties.threats).toHaveLength(want.n);
    expect(feature.properties.highest_severity).toBe(SEVERITIES[want.top]);
    expect(feature.properties.url).toBe(`${server.url}/countries/${feature.id}`);
    for (const t of feature.properties.threats) expect(t.url).toBe(`${server.url}/threats/${t.slug}`);
    if (feature.id === "EU" || feature.id === "INT") {
      expect(feature.geometry).toBeNull();
    } else {
      expect(feature.geometry?.type).toBe("Point");
      const [lon, lat] = feature.geometry!.coordinates;
      expect(Math.abs(lon)).toBeLessThanOrEqual(180);
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
    }
  }
  // A known one: the United Kingdom's point is in Europe, west of Greenwich or close to it.
  const gb = body.features.find((f) => f.id === "GB");
  if (gb) expect(gb.geometry!.coordinates[0]).toBeLessThan(2);
});

it("a decided threat leaves the map", async () => {
  const before = (await (await client.get("/api/v1/threats.geojson")).json()) as { features: Feature[] };
  const feature = before.features.find((f) => f.properties.active_threats === 1 && f.geometry);
  expect(feature).toBeDefined();
  await db
    .updateTable("threats")
    .set({ outcome: "mitigated", outcome_on: "2026-01-01" })
    .where("slug", "=", feature!.properties.threats[0]!.slug)
    .execute();
  const after = (await (await client.get("/api/v1/threats.geojson")).json()) as { features: Feature[] };
  expect(after.features.some((f) => f.id === feature!.id)).toBe(false);
});
