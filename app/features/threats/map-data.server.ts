/** Open threats per jurisdiction and their highest severity, for the map pages and their tables. */
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { openThreatCounts } from "~/features/threats/queries.server";
import type { MapCountry } from "~/components/world-map";

export async function threatMapData(locale: string) {
  const [counts, jurisdictions] = await Promise.all([openThreatCounts(), listJurisdictions()]);
  const open = new Map(counts.map((row) => [row.code, row]));
  const countries: Record<string, MapCountry> = {};
  for (const jurisdiction of jurisdictions) {
    countries[jurisdiction.code] = {
      name: jurisdictionName(jurisdiction, locale),
      open: open.get(jurisdiction.code)?.open ?? 0,
      highest: open.get(jurisdiction.code)?.highest ?? null,
    };
  }
  const collator = new Intl.Collator(locale);
  const rows = counts
    .map((row) => ({ code: row.code, name: jurisdictionName(row, locale), open: row.open, highest: row.highest }))
    .filter((row) => row.open > 0)
    .sort((a, b) => b.open - a.open || collator.compare(a.name, b.name));
  return { countries, rows };
}
