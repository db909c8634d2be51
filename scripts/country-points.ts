/**
 * `npx tsx scripts/country-points.ts`: writes `app/features/jurisdictions/country-points.json`, one
 * representative point per country (ISO 3166-1 alpha-2 → [longitude, latitude]) for the GeoJSON of
 * threats, from the `world-countries` package (mledoze/countries, ODbL), rounded to 0.01°.
 * `tests/unit/country-points.test.ts` fails when the committed file is not what this writes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import countries from "world-countries";

export const POINTS_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "../app/features/jurisdictions/country-points.json",
);

const round = (n: number) => Math.round(n * 100) / 100;

export function countryPoints(): string {
  const points: Record<string, [number, number]> = {};
  for (const country of [...countries].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
    const [lat, lon] = country.latlng;
    if (typeof lat === "number" && typeof lon === "number") points[country.cca2] = [round(lon), round(lat)];
  }
  return `${JSON.stringify(points)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(POINTS_FILE, countryPoints());
  process.stdout.write(`wrote ${POINTS_FILE}\n`);
}
