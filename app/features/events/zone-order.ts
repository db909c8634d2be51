/**
 * The time-zone select of the event form, ordered by the chosen country: its zones first (a short
 * list, the most common first), then every other zone. Shared by the server render and the browser.
 */

export interface OrderedZones {
  /** The country's zones, the default first; empty when the country is unknown or has none. */
  country: readonly string[];
  /** Every other selectable zone, in the platform's order. */
  others: readonly string[];
}

export function orderZones(
  all: readonly string[],
  byCountry: Readonly<Record<string, readonly string[]>>,
  country: string | undefined,
): OrderedZones {
  const own = (country ? byCountry[country.toUpperCase()] : undefined) ?? [];
  if (own.length === 0) return { country: [], others: all };
  const set = new Set(own);
  return { country: own, others: all.filter((zone) => !set.has(zone)) };
}

/** The zone a country's choice defaults to: its most common one, unless the current zone is already one of its zones. */
export function zoneForCountry(
  byCountry: Readonly<Record<string, readonly string[]>>,
  country: string | undefined,
  current: string | undefined,
): string | undefined {
  const own = (country ? byCountry[country.toUpperCase()] : undefined) ?? [];
  if (current && own.includes(current)) return current;
  return own[0] ?? current;
}
