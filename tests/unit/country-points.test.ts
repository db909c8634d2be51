import fs from "node:fs";
import { expect, it } from "vitest";
import { countryPoints, POINTS_FILE } from "../../scripts/country-points";
import { db } from "../../db/connection";

it("the committed country points are what scripts/country-points.ts writes", () => {
  expect(fs.readFileSync(POINTS_FILE, "utf8")).toBe(countryPoints());
});

it("every country jurisdiction has a point on the globe", async () => {
  const points = JSON.parse(fs.readFileSync(POINTS_FILE, "utf8")) as Record<string, [number, number]>;
  const countries = await db.selectFrom("jurisdictions").select("code").where("kind", "=", "country").execute();
  expect(countries.length).toBeGreaterThan(200);
  const missing = countries.map((c) => c.code).filter((code) => !points[code]);
  expect(missing).toEqual([]);
  for (const [lon, lat] of Object.values(points)) {
    expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    expect(Math.abs(lat)).toBeLessThanOrEqual(90);
  }
});
