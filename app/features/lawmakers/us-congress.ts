/**
 * The US Congress list of the public-domain `unitedstates/congress-legislators` data set, flattened
 * to one row per member (bioguide, official_full_name, first_name, last_name, chamber, state,
 * district, party, term_start, term_end, website, contact_form, phone, office_address), mapped to
 * the lawmakers CSV columns:
 *
 * - senate: title "Senator", body "Senate", constituency the state ("WA");
 * - house: body "House of Representatives", constituency state + district on two digits
 *   ("WA-07"); district 0 is an at-large seat: "AK-AL". The title is "Representative", except the
 *   non-voting members: "Delegate" (DC, GU, VI, AS, MP) and "Resident Commissioner" (PR);
 * - jurisdiction "US" for every member (territories' delegates sit in the US House);
 * - contact_url: the contact form, else the website (whichever is first a valid http(s) address);
 *   a member with neither (a seat filled days before the snapshot) gets the chamber's official
 *   directory of members, and no verification date, so that staff see the row as stale;
 * - source_url: the website, else the member's page in the Biographical Directory of Congress;
 * - ocd_division_id: the state (`ocd-division/country:us/state:wa`) for a senator or an at-large
 *   seat, the district (`…/state:wa/cd:7`) for a representative; DC is `district:dc`, the
 *   territories `territory:pr` (and gu, vi, as, mp), as the Open Civic Data lists write them;
 * - verified_on: the latest `term_start` in the file: the snapshot was current on that day at
 *   least, it is the same for every row, and the same file always maps to the same rows (so a
 *   re-import changes nothing).
 *
 * Mapping notes (a repaired or replaced cell) are reported with the row, never as errors.
 */
import type { ImportColumn } from "~/features/lawmakers/constants";

export const US_CONGRESS_COLUMNS = [
  "bioguide",
  "official_full_name",
  "chamber",
  "state",
  "district",
  "party",
  "term_start",
  "website",
  "contact_form",
] as const;
type UsColumn = (typeof US_CONGRESS_COLUMNS)[number];

const DELEGATES = new Set(["DC", "GU", "VI", "AS", "MP"]);
const TERRITORIES = new Set(["GU", "VI", "AS", "MP", "PR"]);

/** The member's division: the state (or DC, or a territory), and the district for a House seat. */
function usDivision(state: string, district: number | null): string {
  if (!/^[A-Z]{2}$/.test(state)) return "";
  const code = state.toLowerCase();
  const base = `ocd-division/country:us/${state === "DC" ? "district" : TERRITORIES.has(state) ? "territory" : "state"}:${code}`;
  return district && district > 0 ? `${base}/cd:${district}` : base;
}
const RESIDENT_COMMISSIONERS = new Set(["PR"]);
export const HOUSE_DIRECTORY = "https://www.house.gov/representatives";
export const SENATE_DIRECTORY = "https://www.senate.gov/senators/senators-contact.htm";

export type MappingNote = "contact_form.ignored" | "contact.directory";

/** True when a header row (already lower-cased and trimmed) is the US Congress list's. */
export function isUsCongressHeader(columns: readonly string[]): boolean {
  return US_CONGRESS_COLUMNS.every((column) => columns.includes(column));
}

function isHttpUrl(value: string): boolean {
  if (!value || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export interface UsRecord {
  cells: Record<UsColumn, string>;
}

/** The date every row of the file is verified on: its latest term start, if any is a date. */
export function usSnapshotDate(records: UsRecord[]): string {
  let latest = "";
  for (const { cells } of records) {
    const start = cells.term_start.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(start) && start > latest) latest = start;
  }
  return latest;
}

/** One member → one row of our columns (validated afterwards like any other row). */
export function mapUsCongressRow(
  record: UsRecord,
  verifiedOn: string,
): { cells: Record<ImportColumn, string>; notes: MappingNote[]; errors: string[] } {
  const get = (column: UsColumn) => record.cells[column].trim();
  const notes: MappingNote[] = [];
  const errors: string[] = [];
  const chamber = get("chamber").toLowerCase();
  const state = get("state").toUpperCase();
  const senate = chamber === "senate";
  if (!senate && chamber !== "house") errors.push("chamber.invalid");

  let constituency = state;
  let title = "Senator";
  let number: number | null = null;
  if (!senate) {
    const district = get("district");
    number = /^\d{1,3}$/.test(district) ? Number(district) : null;
    constituency = number === null ? state : `${state}-${number === 0 ? "AL" : String(number).padStart(2, "0")}`;
    title = DELEGATES.has(state)
      ? "Delegate"
      : RESIDENT_COMMISSIONERS.has(state)
        ? "Resident Commissioner"
        : "Representative";
  }

  const form = get("contact_form");
  const website = get("website");
  if (form && !isHttpUrl(form)) notes.push("contact_form.ignored");
  let contactUrl = [form, website].find(isHttpUrl) ?? "";
  let verified = verifiedOn;
  if (!contactUrl) {
    contactUrl = senate ? SENATE_DIRECTORY : HOUSE_DIRECTORY;
    verified = "";
    notes.push("contact.directory");
  }
  const bioguide = get("bioguide");
  const sourceUrl = isHttpUrl(website)
    ? website
    : /^[A-Z]\d{6}$/.test(bioguide)
      ? `https://bioguide.congress.gov/search/bio/${bioguide}`
      : "";

  return {
    cells: {
      name: get("official_full_name"),
      title,
      body: senate ? "Senate" : "House of Representatives",
      jurisdiction: "US",
      constituency,
      party: get("party"),
      email: "",
      contact_url: contactUrl,
      source_url: sourceUrl,
      verified_on: verified,
      ocd_division_id: chamber === "senate" || chamber === "house" ? usDivision(state, number) : "",
    },
    notes,
    errors,
  };
}
