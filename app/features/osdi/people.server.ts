/**
 * OSDI people, limited to what signatures, attendances and outreaches need. The hub keeps no
 * person record of its own: a person is a confirmed signer (`signer-<id>`), a confirmed attendee
 * who agreed to share their contact with the organiser (`attendee-<id>`), or a confirmed sender
 * of letters to lawmakers whose details are not erased yet (`sender-<id>`). The name is given as
 * typed in `given_name` (the hub does not split names). Never a token, an IP hash or a note.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import { collection, compact, identifiers, link, ORIGIN_SYSTEM, osdiDate } from "~/features/osdi/hal.server";
import type { CollectionQuery } from "~/features/osdi/query";
import { parseId } from "~/lib/ids";

export type PersonSource = "signer" | "attendee" | "sender";

export interface PersonRow {
  id: number;
  name: string;
  email: string | null;
  affiliation?: string | null;
  jurisdiction_code?: string | null;
  locality?: string | null;
  created_at: string;
  updated_at: string;
}

function person(source: PersonSource, row: PersonRow) {
  const address = compact({ locality: row.locality ?? undefined, country: row.jurisdiction_code ?? undefined });
  return compact({
    identifiers: identifiers(`person-${source}-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    given_name: row.name,
    employer: row.affiliation ?? undefined,
    email_addresses: row.email ? [{ address: row.email, primary: true }] : undefined,
    postal_addresses: Object.keys(address).length ? [{ primary: true, ...address }] : undefined,
    _links: { self: link(`/people/${source}-${row.id}`) },
  });
}

export const signerPerson = (row: PersonRow) => person("signer", row);
export const attendeePerson = (row: PersonRow) => person("attendee", row);
export const senderPerson = (row: PersonRow) => person("sender", row);

function signers() {
  return db
    .selectFrom("signatures")
    .where("kind", "=", "individual")
    .where("status", "=", "confirmed")
    .select([
      sql<PersonSource>`'signer'`.as("source"),
      "id",
      "name",
      "email",
      "affiliation",
      "jurisdiction_code",
      sql<string | null>`null`.as("locality"),
      "created_at",
      "updated_at",
    ]);
}

function attendees() {
  return db
    .selectFrom("event_rsvps")
    .where("status", "=", "confirmed")
    .where("share_with_organiser", "=", 1)
    .select([
      sql<PersonSource>`'attendee'`.as("source"),
      "id",
      "name",
      "email",
      sql<string | null>`null`.as("affiliation"),
      sql<string | null>`null`.as("jurisdiction_code"),
      sql<string | null>`null`.as("locality"),
      "created_at",
      "updated_at",
    ]);
}

function senders() {
  return db
    .selectFrom("campaign_senders")
    .where("status", "=", "confirmed")
    .where("scrubbed_at", "is", null)
    .select([
      sql<PersonSource>`'sender'`.as("source"),
      "id",
      "name",
      "email",
      sql<string | null>`null`.as("affiliation"),
      "jurisdiction_code",
      "locality",
      "created_at",
      "updated_at",
    ]);
}

/** Everyone the API may show, oldest first; `filter` on modified_date as everywhere. */
export async function listPeople(query: CollectionQuery, filterParam?: string) {
  let base = db.selectFrom(signers().unionAll(attendees()).unionAll(senders()).as("people"));
  if (query.modified.after) base = base.where("people.updated_at", ">", query.modified.after);
  if (query.modified.before) base = base.where("people.updated_at", "<", query.modified.before);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy("people.created_at")
      .orderBy("people.source")
      .orderBy("people.id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => person(row.source, row));
  return collection("people", "/people", query, Number(count.n), items, filterParam);
}

/** One person by `<source>-<id>`, or undefined (unknown, unconfirmed, not shared or erased). */
export async function getPerson(personId: string) {
  const match = /^(signer|attendee|sender)-(\d+)$/.exec(personId);
  const id = match ? parseId(match[2]) : null;
  if (!match || id === null) return undefined;
  const source = match[1] as PersonSource;
  const row =
    source === "signer"
      ? await signers().where("id", "=", id).executeTakeFirst()
      : source === "attendee"
        ? await attendees().where("id", "=", id).executeTakeFirst()
        : await senders().where("id", "=", id).executeTakeFirst();
  return row ? person(source, row) : undefined;
}
