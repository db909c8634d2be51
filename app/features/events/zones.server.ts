/**
 * Which time zones a country has, for the event form: from @vvo/tzdb (the tz database grouped by
 * the zones that keep the same clock, each group named after its most populous city's zone). A
 * country's short list is one zone per group; the first is the group with the most zones (the
 * default when the country is chosen: America/New_York for the US), the others from east to west.
 */
import { rawTimeZones } from "@vvo/tzdb";

export type CountryZones = Readonly<Record<string, readonly string[]>>;

const cache = new WeakMap<readonly string[], CountryZones>();

/**
 * Country code → its zones, named as in `selectable` (the platform's list, which may use an older
 * name such as Asia/Calcutta for Asia/Kolkata). Groups with no selectable name are left out.
 */
export function zonesByCountry(selectable: readonly string[]): CountryZones {
  const cached = cache.get(selectable);
  if (cached) return cached;
  const known = new Set(selectable);
  const groups = new Map<string, Array<{ zone: string; size: number; offset: number }>>();
  for (const entry of rawTimeZones) {
    const zone = known.has(entry.name) ? entry.name : entry.group.find((name) => known.has(name));
    if (!zone || !entry.countryCode) continue;
    const list = groups.get(entry.countryCode) ?? [];
    if (!list.some((item) => item.zone === zone))
      list.push({ zone, size: entry.group.length, offset: entry.rawOffsetInMinutes });
    groups.set(entry.countryCode, list);
  }
  const result: Record<string, readonly string[]> = {};
  for (const [country, list] of groups) {
    const [primary, ...rest] = [...list].sort((a, b) => b.size - a.size || b.offset - a.offset);
    rest.sort((a, b) => b.offset - a.offset || a.zone.localeCompare(b.zone));
    result[country] = [primary!, ...rest].map((item) => item.zone);
  }
  cache.set(selectable, result);
  return result;
}
