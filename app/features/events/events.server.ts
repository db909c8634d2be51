/**
 * Submitting and editing events. Times arrive as wall-clock values in the event's time zone and
 * are stored twice: as typed (`starts_local`) and as UTC instants (`starts_at`), see time.server.ts.
 * Any edit by the organiser sends the event back to review; staff edits keep its status.
 */
import type { Kysely } from "kysely";
import { db } from "~db/connection";
import type { Database, EventsTable, User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { isStaff } from "~/features/auth/guards.server";
import { recordAudit } from "~/features/security/audit.server";
import { slugify } from "~/lib/slug";
import { editionForYear } from "~/features/events/editions.server";
import { canManageEvent, organiserFor } from "~/features/events/organiser.server";
import type { EventFormValues } from "~/features/events/event-form";
import type { EventInput } from "~/features/events/forms";
import { isKnownTimeZone, localToUtc } from "~/features/events/time.server";
import type { Result } from "~/lib/result";

export type EventRow = Omit<EventsTable, "id" | "original_locale"> & { id: number; original_locale: string };
export type SaveResult = Result<{ slug: string }, { fieldErrors: FieldErrors }>;

interface Resolved {
  edition_id: number;
  starts_at: string;
  ends_at: string;
}

/** The checks a schema cannot make: real zone, existing local times, order, the edition, the country. */
async function resolve(input: EventInput): Promise<Result<{ value: Resolved }, { fieldErrors: FieldErrors }>> {
  const errors: FieldErrors = {};
  if (!isKnownTimeZone(input.timezone)) errors.timezone = ["events:validation.timezone"];
  const jurisdiction = await db
    .selectFrom("jurisdictions")
    .select("code")
    .where("code", "=", input.jurisdiction)
    .executeTakeFirst();
  if (!jurisdiction) errors.jurisdiction = ["validation.jurisdiction"];
  if (errors.timezone) return { ok: false, fieldErrors: errors };
  const start = localToUtc(input.startsLocal, input.timezone);
  const end = localToUtc(input.endsLocal, input.timezone);
  if (!start.ok)
    errors.startsLocal = [`events:validation.${start.reason === "nonexistent" ? "nonexistent" : "dateTime"}`];
  if (!end.ok) errors.endsLocal = [`events:validation.${end.reason === "nonexistent" ? "nonexistent" : "dateTime"}`];
  if (start.ok && end.ok && end.utc <= start.utc) errors.endsLocal = ["events:validation.endBeforeStart"];
  let editionId: number | null = null;
  if (start.ok) {
    const edition = await editionForYear(Number(input.startsLocal.slice(0, 4)));
    if (edition) editionId = edition.id;
    else errors.startsLocal = ["events:validation.noEdition"];
  }
  if (Object.keys(errors).length || !start.ok || !end.ok || editionId === null)
    return { ok: false, fieldErrors: errors };
  return { ok: true, value: { edition_id: editionId, starts_at: start.utc, ends_at: end.utc } };
}

function columns(input: EventInput, resolved: Resolved) {
  return {
    edition_id: resolved.edition_id,
    title: input.title,
    kind: input.kind,
    jurisdiction_code: input.jurisdiction,
    city: input.city || null,
    online: input.online ? 1 : 0,
    starts_local: input.startsLocal,
    ends_local: input.endsLocal,
    timezone: input.timezone,
    starts_at: resolved.starts_at,
    ends_at: resolved.ends_at,
    description: input.description,
    registration_url: input.registrationUrl || null,
    expected_reach: input.expectedReach ?? null,
    ...(input.originalLocale ? { original_locale: input.originalLocale } : {}),
  };
}

async function uniqueSlug(trx: Kysely<Database>, title: string, year: string): Promise<string> {
  const base = `${slugify(title, 60)}-${year}`;
  const taken = new Set(
    (await trx.selectFrom("events").select("slug").where("slug", "like", `${base}%`).execute()).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new event, submitted for review, organised by the account's chapter or organisation (or named by staff). */
export async function createEvent(user: User, input: EventInput): Promise<SaveResult> {
  const organiser = await organiserFor(user);
  const staff = isStaff(user);
  const organiserName = staff ? input.organiserName : organiser.name;
  if (!organiserName) return { ok: false, fieldErrors: { organiserName: ["validation.required"] } };
  const resolved = await resolve(input);
  if (!resolved.ok) return resolved;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx): Promise<SaveResult> => {
    const slug = await uniqueSlug(trx, input.title, input.startsLocal.slice(0, 4));
    const row = await trx
      .insertInto("events")
      .values({
        ...columns(input, resolved.value),
        slug,
        chapter_id: staff ? null : organiser.chapter_id,
        coalition_member_id: staff ? null : organiser.coalition_member_id,
        organiser_name: organiserName,
        submitted_by: user.id,
        status: "submitted",
        review_comment: null,
        reviewed_by: null,
        reviewed_at: null,
        attendance: null,
        online_views: null,
        media_reach: null,
        reported_at: null,
        rsvp_count: 0,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "event.submit",
      entityType: "event",
      entityId: row.id,
      after: { slug, ...columns(input, resolved.value), organiser_name: organiserName },
    });
    return { ok: true, slug };
  });
}

/** The organiser's (or staff's) edit; an organiser's edit goes back to review as `submitted`. */
export async function updateEvent(user: User, event: EventRow, input: EventInput): Promise<SaveResult> {
  if (!canManageEvent(user, event) || event.status === "withdrawn") {
    return { ok: false, fieldErrors: { "": ["events:errors.notEditable"] } };
  }
  const staff = isStaff(user);
  const organiserName = staff ? input.organiserName || event.organiser_name : event.organiser_name;
  const resolved = await resolve(input);
  if (!resolved.ok) return resolved;
  const now = new Date().toISOString();
  const status = staff ? event.status : "submitted";
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("events")
      .set({ ...columns(input, resolved.value), organiser_name: organiserName, status, updated_at: now })
      .where("id", "=", event.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: status === "submitted" && event.status !== "submitted" ? "event.resubmit" : "event.update",
      entityType: "event",
      entityId: event.id,
      before: pick(event),
      after: { ...columns(input, resolved.value), organiser_name: organiserName, status },
    });
  });
  return { ok: true, slug: event.slug };
}

/** The organiser (or staff) withdraws an event: it leaves the public pages, feeds and totals. */
export async function withdrawEvent(user: User, event: EventRow): Promise<boolean> {
  if (!canManageEvent(user, event) || event.status === "withdrawn") return false;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("events").set({ status: "withdrawn", updated_at: now }).where("id", "=", event.id).execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "event.withdraw",
      entityType: "event",
      entityId: event.id,
      before: { status: event.status },
      after: { status: "withdrawn" },
    });
  });
  return true;
}

function pick(event: EventRow) {
  const { title, kind, jurisdiction_code, city, online, starts_local, ends_local, timezone, status } = event;
  return { title, kind, jurisdiction_code, city, online, starts_local, ends_local, timezone, status };
}

export async function getEventBySlug(slug: string) {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
  return db
    .selectFrom("events")
    .innerJoin("event_editions", "event_editions.id", "events.edition_id")
    .selectAll("events")
    .select(["event_editions.year as edition_year", "event_editions.day as edition_day"])
    .where("events.slug", "=", slug)
    .executeTakeFirst();
}

/** The events an account's organiser submitted (staff: their own submissions), newest first. */
export async function listOwnEvents(user: User) {
  let query = db
    .selectFrom("events")
    .select(["id", "slug", "title", "status", "starts_at", "review_comment", "timezone", "starts_local"]);
  if (user.chapter_id !== null && !isStaff(user)) query = query.where("chapter_id", "=", user.chapter_id);
  else if (user.coalition_member_id !== null && !isStaff(user)) {
    query = query.where("coalition_member_id", "=", user.coalition_member_id);
  } else query = query.where("submitted_by", "=", user.id);
  return query.orderBy("starts_at", "desc").limit(100).execute();
}

/** The form's values for an existing event. */
export function eventFormValues(event: EventRow): EventFormValues {
  return {
    title: event.title,
    kind: event.kind,
    organiserName: event.organiser_name,
    jurisdiction: event.jurisdiction_code,
    city: event.city ?? "",
    online: event.online === 1,
    startsLocal: event.starts_local,
    endsLocal: event.ends_local,
    timezone: event.timezone,
    description: event.description,
    registrationUrl: event.registration_url ?? "",
    expectedReach: event.expected_reach === null ? "" : String(event.expected_reach),
    originalLocale: event.original_locale,
  };
}
