/**
 * Popolo persons → rows of the lawmakers CSV's columns, checked afterwards by the same
 * `validateRow` as any CSV row (see docs/decisions for the choices):
 *
 * - who: each person with a current membership of the chosen legislature (an organisation
 *   classified `legislature`; chosen by id or name when the file has several). Current: started
 *   (or no start) and not ended, each date being the membership's own, else its legislative
 *   period's. Several current memberships: the one that started last;
 * - name: `name`, else `given_name family_name`; title: the post's `role`, else the membership's
 *   `role` unless it is the generic "member"; body: the legislature's name;
 * - party: the name of the membership's `on_behalf_of` organisation;
 * - constituency: the name of the membership's area (else its post's area);
 * - ocd_division_id: the area's identifier with scheme `ocd-division`, else the area's id when it
 *   is a well-formed OCD id (an id that only starts like one is left out, with a note);
 * - email: `email`, else the first `contact_details` of type `email`; contact_url: the first
 *   `contact_details` of type `contact_form` or `url`, else a link whose note is "contact form"
 *   or "contact"; source_url: the first source's url;
 * - jurisdiction: chosen on the form, else the country of the legislature's area, else the one
 *   country all the members' divisions are in;
 * - verified_on: the latest full date among the file's membership and period starts up to
 *   today: the file was current then at least; the same file always maps to the same rows.
 *
 * Line numbers are the person's position in `persons` (1-based).
 */
import { ROW_COLUMNS, type ImportColumn } from "~/features/lawmakers/constants";
import type { MappedRecord } from "~/features/lawmakers/import-rows";
import { isOcdDivisionId, ocdCountry } from "~/features/lawmakers/ocd";
import { PopoloPerson, type PopoloData } from "~/features/lawmakers/popolo-read";
import type { FileError } from "~/lib/csv-import.server";
import type { Result } from "~/lib/result";

export interface PopoloChoice {
  /** The organisation id, or name, of the legislature; empty: the only one in the file. */
  legislature?: string;
  /** The jurisdiction code; empty: derived from the file's divisions. */
  jurisdiction?: string;
}

export interface PopoloSummary {
  legislature: { id: string; name: string };
  jurisdiction: string;
  /** Persons in the file. */
  persons: number;
  /** Persons without a current membership of the legislature: not imported. */
  leftOut: number;
}

type Membership = PopoloData["memberships"][number];

const LEGISLATURE = /^legislature$/i;

function legislaturesOf(data: PopoloData) {
  const classified = data.organizations.filter((org) => LEGISLATURE.test(org.classification?.trim() ?? ""));
  if (classified.length) return classified;
  // Unclassified files: the organisations people are members of, other than their parties.
  const parties = new Set(data.memberships.map((m) => m.on_behalf_of_id).filter(Boolean));
  const bodies = new Set(data.memberships.map((m) => m.organization_id).filter(Boolean));
  return data.organizations.filter(
    (org) => bodies.has(org.id) && !parties.has(org.id) && !/party/i.test(org.classification ?? ""),
  );
}

function describe(orgs: Array<{ id: string; name?: string | null }>): string {
  return orgs.map((org) => (org.name ? `${org.name} (${org.id})` : org.id)).join("; ");
}

/** A partial Popolo date as the first or last day it can mean, to compare with `YYYY-MM-DD`. */
const startOf = (value: string) => value + "-01-01".slice(value.length - 4);
const endOf = (value: string) => value + "-12-31".slice(value.length - 4);

function divisionOf(area: PopoloData["areas"][number] | undefined): { id: string; ignored: boolean } {
  if (!area) return { id: "", ignored: false };
  const declared = area.identifiers?.find((entry) => entry.scheme?.trim().toLowerCase() === "ocd-division");
  if (declared) return { id: declared.identifier, ignored: false };
  if (isOcdDivisionId(area.id)) return { id: area.id, ignored: false };
  return { id: "", ignored: area.id.startsWith("ocd-division/") };
}

function isHttp(value: string | null | undefined): value is string {
  return !!value && /^https?:\/\//i.test(value.trim());
}

function personCells(
  person: PopoloPerson,
): Pick<Record<ImportColumn, string>, "name" | "email" | "contact_url" | "source_url"> {
  const contacts = person.contact_details ?? [];
  const ofType = (...types: string[]) =>
    contacts.find((c) => types.includes(c.type?.trim().toLowerCase() ?? "") && c.value?.trim())?.value ?? "";
  const link = (person.links ?? []).find((l) => /^(contact( form)?)$/i.test(l.note?.trim() ?? "") && isHttp(l.url));
  const name = person.name?.trim() || [person.given_name, person.family_name].filter(Boolean).join(" ");
  return {
    name,
    email: person.email?.trim() || ofType("email"),
    contact_url: ofType("contact_form", "url") || link?.url || "",
    source_url: (person.sources ?? []).find((s) => isHttp(s.url))?.url ?? "",
  };
}

export function popoloRows(
  data: PopoloData,
  choice: PopoloChoice,
  today: string,
): Result<{ rows: MappedRecord[]; summary: PopoloSummary }, { error: FileError }> {
  const refuse = (code: FileError["code"], detail?: string) => ({
    ok: false as const,
    error: detail ? { code, detail } : { code },
  });
  const candidates = legislaturesOf(data);
  const wanted = choice.legislature?.trim();
  let legislature = candidates.length === 1 && !wanted ? candidates[0] : undefined;
  if (wanted) {
    legislature =
      candidates.find((org) => org.id === wanted) ??
      candidates.find((org) => org.name?.trim().toLowerCase() === wanted.toLowerCase());
    if (!legislature) return refuse("popolo.unknown_legislature", describe(candidates));
  }
  if (!legislature) {
    return candidates.length
      ? refuse("popolo.choose_legislature", describe(candidates))
      : refuse("popolo.no_legislature");
  }

  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((item) => [item.id, item]));
  const organizations = byId(data.organizations);
  const areas = byId(data.areas);
  const posts = byId(data.posts);
  const periods = byId(data.events);
  const startOfMembership = (m: Membership) =>
    m.start_date || periods.get(m.legislative_period_id ?? "")?.start_date || "";
  const endOfMembership = (m: Membership) => m.end_date || periods.get(m.legislative_period_id ?? "")?.end_date || "";
  const isCurrent = (m: Membership) => {
    const start = startOfMembership(m);
    const end = endOfMembership(m);
    return (!start || startOf(start) <= today) && (!end || endOf(end) >= today);
  };

  const current = new Map<string, Membership>();
  let verifiedOn = "";
  for (const m of data.memberships) {
    const start = startOfMembership(m);
    if (start.length === 10 && start <= today && start > verifiedOn) verifiedOn = start;
    if (m.organization_id !== legislature.id || !m.person_id || !isCurrent(m)) continue;
    const known = current.get(m.person_id);
    if (!known || startOf(startOfMembership(m)) > startOf(startOfMembership(known))) current.set(m.person_id, m);
  }

  const areaOf = (m: Membership) => areas.get(m.area_id ?? posts.get(m.post_id ?? "")?.area_id ?? "");
  let jurisdiction = choice.jurisdiction?.trim().toUpperCase() ?? "";
  if (!jurisdiction) {
    const own = ocdCountry(divisionOf(areas.get(legislature.area_id ?? "")).id);
    const countries = new Set(
      [...current.values()].map((m) => ocdCountry(divisionOf(areaOf(m)).id)).filter((c): c is string => c !== null),
    );
    jurisdiction = own ?? (countries.size === 1 ? [...countries][0] : "");
    if (!jurisdiction) return refuse("popolo.no_jurisdiction");
  }

  const rows: MappedRecord[] = [];
  data.persons.forEach((entry, index) => {
    const personId = typeof entry === "object" && entry !== null ? (entry as { id?: unknown }).id : undefined;
    const membership = typeof personId === "string" ? current.get(personId) : undefined;
    if (!membership) return;
    const errors: string[] = [];
    const notes: string[] = [];
    const parsed = PopoloPerson.safeParse(entry);
    if (!parsed.success) errors.push("person.invalid");
    const post = posts.get(membership.post_id ?? "");
    const role = membership.role?.trim() ?? "";
    const division = divisionOf(areaOf(membership));
    if (division.ignored) notes.push("ocd.ignored");
    const cells: Record<ImportColumn, string> = {
      ...(parsed.success ? personCells(parsed.data) : { name: "", email: "", contact_url: "", source_url: "" }),
      title: post?.role?.trim() || (/^member$/i.test(role) ? "" : role),
      body: legislature.name?.trim() ?? "",
      jurisdiction,
      constituency: areaOf(membership)?.name?.trim() ?? "",
      party: organizations.get(membership.on_behalf_of_id ?? "")?.name?.trim() ?? "",
      verified_on: verifiedOn,
      ocd_division_id: division.id,
    };
    if (!parsed.success && typeof personId === "string") cells.name = personId.slice(0, 200);
    rows.push({
      line: index + 1,
      raw: ROW_COLUMNS.map((column) => cells[column]),
      blank: false,
      columnsMismatch: false,
      cells,
      notes,
      errors,
    });
  });
  return {
    ok: true,
    rows,
    summary: {
      legislature: { id: legislature.id, name: legislature.name ?? legislature.id },
      jurisdiction,
      persons: data.persons.length,
      leftOut: data.persons.length - rows.length,
    },
  };
}
