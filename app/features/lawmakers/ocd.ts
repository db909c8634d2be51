/**
 * Open Civic Data division identifiers (OCDEP 2): `ocd-division/country:<iso alpha-2>` followed by
 * any number of `/<type>:<type_id>` segments, e.g. `ocd-division/country:us/state:wa/cd:7`.
 *
 * - the country code is an ISO 3166-1 alpha-2 code, lowercase;
 * - a type is lowercase letters, `-` or `_` (`state`, `cd`, `sldl`, `council_district`);
 * - a type_id is lowercase letters, digits 0-9, `.`, `-`, `_` or `~` (the unreserved characters of
 *   RFC 3986 §2.3; spaces become `_`, any other character `~`).
 *
 * "Lowercase letters" are Unicode ones, as the specification says and the published lists use
 * (`constituency:ynys_môn`); the id is compared in NFC, as typed. Nothing is ever rewritten: an id
 * with a capital letter is refused with its own message rather than silently lower-cased, since
 * it is the key other data sets join on.
 */

import { isCountry } from "~/features/jurisdictions/division";

export const MAX_OCD_LENGTH = 300;

export type OcdError = "too_long" | "uppercase" | "invalid" | "country" | "unknown_country";

const LETTERS = "\\p{Ll}\\p{Lo}\\p{Lm}\\p{Mn}";
const SEGMENT = `/[${LETTERS}_-]+:[${LETTERS}0-9._~-]+`;
const DIVISION = new RegExp(`^ocd-division/country:([a-z]{2})((?:${SEGMENT})*)$`, "u");

/** The country code (upper case, as jurisdictions store it) of a well-formed id; null otherwise. */
export function ocdCountry(id: string): string | null {
  const match = DIVISION.exec(id);
  return match ? match[1].toUpperCase() : null;
}

export function isOcdDivisionId(value: string): boolean {
  return value.length <= MAX_OCD_LENGTH && DIVISION.test(value);
}

/** Whether `id` is `prefix` itself or one of its sub-divisions (whole segments only). */
export function isWithinDivision(id: string, prefix: string): boolean {
  return id === prefix || id.startsWith(`${prefix}/`);
}

/**
 * Checks an id for a lawmaker of `jurisdiction`: well formed, and, when the jurisdiction is a
 * country, in that country. For `EU` and `INT` any country the hub knows is accepted (a member of
 * the European Parliament is elected in one of its member states). `known` is the set of
 * jurisdiction codes; when given, the id's country must be one of them.
 */
export function checkOcdDivisionId(
  value: string,
  jurisdiction: string | null,
  known?: ReadonlySet<string>,
): OcdError | null {
  if (value.length > MAX_OCD_LENGTH) return "too_long";
  const id = value.normalize("NFC");
  const country = ocdCountry(id);
  if (!country) return id !== id.toLowerCase() && ocdCountry(id.toLowerCase()) ? "uppercase" : "invalid";
  if (jurisdiction && isCountry(jurisdiction)) return country === jurisdiction ? null : "country";
  if (known && !known.has(country)) return "unknown_country";
  return null;
}
