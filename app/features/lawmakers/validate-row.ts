/** Checks one row of the lawmakers CSV (after any format mapping) and gives the values to store. */
import { MAX_LENGTH, type ImportColumn } from "~/features/lawmakers/constants";
import { checkOcdDivisionId } from "~/features/lawmakers/ocd";

export interface LawmakerValues {
  name: string;
  title: string | null;
  body: string;
  jurisdiction_code: string;
  constituency: string | null;
  party: string | null;
  email: string | null;
  contact_url: string | null;
  source_url: string | null;
  verified_on: string | null;
  ocd_division_id: string | null;
}

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A cell a spreadsheet would run as a formula when the list is opened again. */
const FORMULA = /^[=+@\t\r]/;

export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0 && !url.username;
  } catch {
    return false;
  }
}

/** Text cells: required or not, bounded, one line, no control characters, no formula. */
function text(
  field: "name" | "title" | "body" | "constituency" | "party",
  raw: string,
  required: boolean,
  errors: string[],
): string | null {
  const value = raw.normalize("NFC").trim();
  if (!value) {
    if (required) errors.push(`${field}.required`);
    return null;
  }
  if (value.length > MAX_LENGTH[field]) errors.push(`${field}.too_long`);
  if (LINE_BREAK.test(value)) errors.push(`${field}.line_break`);
  else if (CONTROL.test(value)) errors.push(`${field}.control`);
  if (FORMULA.test(value)) errors.push(`${field}.formula`);
  return value;
}

function url(field: "contact_url" | "source_url", raw: string, errors: string[]): string | null {
  const value = raw.trim();
  if (!value) return null;
  if (value.length > MAX_LENGTH.url) errors.push(`${field}.too_long`);
  else if (!isHttpUrl(value)) errors.push(`${field}.invalid`);
  return value;
}

/**
 * Error codes are `field.problem` (the page translates them as `import.errors.<code>`). The
 * jurisdiction is checked against the `jurisdictions` table (given as a set of codes).
 */
export function validateRow(
  cells: Record<ImportColumn, string>,
  jurisdictions: ReadonlySet<string>,
  today: string,
): { errors: string[]; values: LawmakerValues } {
  const errors: string[] = [];
  const name = text("name", cells.name, true, errors) ?? "";
  const title = text("title", cells.title, false, errors);
  const body = text("body", cells.body, true, errors) ?? "";
  const jurisdiction = cells.jurisdiction.trim().toUpperCase();
  if (!jurisdiction) errors.push("jurisdiction.required");
  else if (!jurisdictions.has(jurisdiction)) errors.push("jurisdiction.unknown");
  const constituency = text("constituency", cells.constituency, false, errors);
  const party = text("party", cells.party, false, errors);

  const email = cells.email.trim();
  if (LINE_BREAK.test(email)) errors.push("email.line_break");
  else if (email.length > MAX_LENGTH.email) errors.push("email.too_long");
  else if (email && !EMAIL.test(email)) errors.push("email.invalid");
  // Neither an e-mail nor a contact URL is not an error: the lawmaker is imported with no contact
  // yet (newly elected members often have neither) and campaigns leave them out until they do.
  const contactUrl = url("contact_url", cells.contact_url, errors);
  const sourceUrl = url("source_url", cells.source_url, errors);

  const verifiedOn = cells.verified_on.trim();
  if (verifiedOn && !isIsoDate(verifiedOn)) errors.push("verified_on.invalid");
  else if (verifiedOn > today) errors.push("verified_on.future");

  // Optional: the constituency as an Open Civic Data division, in the lawmaker's country.
  const ocd = cells.ocd_division_id.trim().normalize("NFC");
  if (ocd) {
    const problem = LINE_BREAK.test(ocd) ? "invalid" : checkOcdDivisionId(ocd, jurisdiction || null, jurisdictions);
    if (problem) errors.push(`ocd_division_id.${problem}`);
  }

  return {
    errors,
    values: {
      name,
      title,
      body,
      jurisdiction_code: jurisdiction,
      constituency,
      party,
      // Stored lower-cased, as the import and the campaigns compare addresses.
      email: email ? email.toLowerCase() : null,
      contact_url: contactUrl,
      source_url: sourceUrl,
      verified_on: verifiedOn || null,
      ocd_division_id: ocd || null,
    },
  };
}
