/**
 * A jurisdiction's own Open Civic Data division, derived from its ISO code rather than stored:
 * `ocd-division/country:fr` for FR. EU and INT are not countries and have none.
 */
export function jurisdictionDivisionId(code: string): string | null {
  return isCountry(code) ? `ocd-division/country:${code.toLowerCase()}` : null;
}

/** Whether a jurisdiction code is a country's (ISO 3166-1 alpha-2), not `EU` or `INT`. */
export function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && code !== "EU";
}
