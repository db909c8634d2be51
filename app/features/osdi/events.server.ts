/**
 * OSDI events (the approved Global Encryption Day events the public list shows) and their
 * attendances (confirmed replies only; a pending reply is not an RSVP until confirmed by e-mail).
 * An attendee's person is linked only when they agreed to share their contact with the organiser.
 */
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { collection, compact, identifiers, link, ORIGIN_SYSTEM, osdiDate } from "~/features/osdi/hal.server";
import { attendeePerson } from "~/features/osdi/people.server";
import { whereModified } from "~/features/osdi/modified.server";
import type { CollectionQuery } from "~/features/osdi/query";

const eventPath = (id: number) => `/events/${id}`;

const EVENT_COLUMNS = [
  "id",
  "slug",
  "title",
  "description",
  "jurisdiction_code",
  "city",
  "starts_at",
  "ends_at",
  "rsvp_count",
  "created_at",
  "updated_at",
] as const;

interface EventRow {
  id: number;
  slug: string;
  title: string;
  description: string;
  jurisdiction_code: string;
  city: string | null;
  starts_at: string;
  ends_at: string;
  rsvp_count: number;
  created_at: string;
  updated_at: string;
}

function event(row: EventRow) {
  const path = eventPath(row.id);
  return compact({
    identifiers: identifiers(`event-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    name: row.slug,
    title: row.title,
    description: row.description,
    browser_url: `${loadConfig().appUrl}/events/${encodeURIComponent(row.slug)}`,
    type: "open",
    status: "confirmed",
    start_date: osdiDate(row.starts_at),
    end_date: osdiDate(row.ends_at),
    total_accepted: row.rsvp_count,
    location: compact({ locality: row.city ?? undefined, country: row.jurisdiction_code }),
    _links: {
      self: link(path),
      "osdi:attendances": link(`${path}/attendances`),
      "osdi:record_attendance_helper": link(`${path}/record_attendance_helper`),
    },
  });
}

function approvedEvents() {
  return db.selectFrom("events").where("status", "=", "approved");
}

export async function listOsdiEvents(query: CollectionQuery, filterParam?: string) {
  const base = whereModified(approvedEvents(), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(EVENT_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return collection("events", "/events", query, Number(count.n), rows.map(event), filterParam);
}

export async function getOsdiEvent(id: number) {
  const row = await approvedEvents().select(EVENT_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? event(row) : undefined;
}

export async function approvedEventId(id: number): Promise<number | undefined> {
  return (await approvedEvents().select("id").where("id", "=", id).executeTakeFirst())?.id;
}

// ---- Attendances ----------------------------------------------------------------------------

const ATTENDANCE_COLUMNS = [
  "id",
  "event_id",
  "name",
  "email",
  "share_with_organiser",
  "confirmed_at",
  "created_at",
  "updated_at",
] as const;

interface AttendanceRow {
  id: number;
  event_id: number;
  name: string;
  email: string;
  share_with_organiser: number;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

function attendance(row: AttendanceRow, withPerson: boolean) {
  const path = `${eventPath(row.event_id)}/attendances/${row.id}`;
  const person = row.share_with_organiser === 1 ? attendeePerson(row) : undefined;
  return compact({
    identifiers: identifiers(`attendance-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    action_date: osdiDate(row.confirmed_at ?? row.created_at),
    status: "accepted",
    _links: compact({
      self: link(path),
      "osdi:event": link(eventPath(row.event_id)),
      "osdi:person": person ? person._links.self : undefined,
    }),
    _embedded: withPerson && person ? { "osdi:person": person } : undefined,
  });
}

function confirmedRsvps(eventId: number) {
  return db.selectFrom("event_rsvps").where("event_id", "=", eventId).where("status", "=", "confirmed");
}

export async function listAttendances(
  eventId: number,
  query: CollectionQuery,
  withPerson: boolean,
  filterParam?: string,
) {
  const base = whereModified(confirmedRsvps(eventId), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(ATTENDANCE_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => attendance(row, withPerson));
  return collection("attendances", `${eventPath(eventId)}/attendances`, query, Number(count.n), items, filterParam);
}

export async function getAttendance(eventId: number, attendanceId: number, withPerson: boolean) {
  const row = await confirmedRsvps(eventId)
    .select(ATTENDANCE_COLUMNS)
    .where("id", "=", attendanceId)
    .executeTakeFirst();
  return row ? attendance(row, withPerson) : undefined;
}
