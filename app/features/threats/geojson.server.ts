/**
 * `GET /api/v1/threats.geojson`: one feature per jurisdiction with active (open) threats, at a
 * representative point of the country (`country-points.json`; the EU and international fora have no
 * point, so their geometry is null, as GeoJSON allows), with the threats and links to the pages.
 */
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import points from "~/features/jurisdictions/country-points.json";
import { threatUrl } from "~/features/threats/api.server";
import type { ApiThreatsGeoJson } from "~/features/threats/api-schemas";
import { SEVERITIES } from "~/lib/vocabularies";

const POINTS = points as unknown as Record<string, [number, number] | undefined>;

type Feature = ApiThreatsGeoJson["features"][number];

export async function threatsGeoJson(appUrl = loadConfig().appUrl): Promise<ApiThreatsGeoJson> {
  const rows = await db
    .selectFrom("threats")
    .innerJoin("jurisdictions", "jurisdictions.code", "threats.jurisdiction_code")
    .select([
      "threats.slug",
      "threats.title",
      "threats.severity",
      "threats.stage",
      "threats.jurisdiction_code",
      "jurisdictions.name_en",
    ])
    .where("threats.outcome", "=", "open")
    .orderBy("threats.jurisdiction_code")
    .orderBy("threats.id")
    .execute();
  const features = new Map<string, Feature>();
  for (const row of rows) {
    const code = row.jurisdiction_code;
    let feature = features.get(code);
    if (!feature) {
      const point = POINTS[code];
      feature = {
        type: "Feature",
        id: code,
        geometry: point ? { type: "Point", coordinates: point } : null,
        properties: {
          jurisdiction: code,
          name: row.name_en,
          url: `${appUrl}/countries/${encodeURIComponent(code)}`,
          active_threats: 0,
          highest_severity: row.severity,
          threats: [],
        },
      };
      features.set(code, feature);
    }
    const p = feature.properties;
    p.active_threats++;
    if (SEVERITIES.indexOf(row.severity) > SEVERITIES.indexOf(p.highest_severity)) p.highest_severity = row.severity;
    p.threats.push({
      slug: row.slug,
      title: row.title,
      severity: row.severity,
      stage: row.stage,
      url: threatUrl(row.slug, appUrl),
    });
  }
  return {
    type: "FeatureCollection" as const,
    // A foreign member (RFC 7946 §6.1): where the points come from.
    attribution: "Country points: mledoze/countries (world-countries), ODbL",
    features: [...features.values()],
  };
}
