import { API_HEADERS } from "~/features/threats/api.server";
import { threatsGeoJson } from "~/features/threats/geojson.server";

/** Open data: active threats by jurisdiction as GeoJSON (RFC 7946). Public. */
export async function loader() {
  return new Response(JSON.stringify(await threatsGeoJson()), {
    headers: { ...API_HEADERS, "Content-Type": "application/geo+json; charset=utf-8" },
  });
}
