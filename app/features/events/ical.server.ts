/**
 * iCalendar feeds (RFC 5545) of approved events: each event in its own time zone (DTSTART/DTEND
 * with TZID), the VTIMEZONE of every zone used (from the IANA database, via
 * timezones-ical-library), a stable UID and the URL of the event's page.
 */
import ical, { ICalCalendarMethod } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";

/** Feeds hold at most this many events (the newest editions first). */
const FEED_CAP = 5_000;

/**
 * The VTIMEZONE of `zone`. For a link (Africa/Bamako → Africa/Abidjan) the library gives the
 * canonical zone's block: same rules, but its TZID must be the name the events use.
 */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block) || !block[0]) return null;
  return block[0].replace(/^TZID:.*$/m, `TZID:${zone}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

export async function eventsCalendar(options: { year?: number; appName: string }): Promise<string> {
  let query = db
    .selectFrom("events")
    .innerJoin("event_editions", "event_editions.id", "events.edition_id")
    .select([
      "events.id",
      "events.slug",
      "events.title",
      "events.description",
      "events.organiser_name",
      "events.city",
      "events.online",
      "events.jurisdiction_code",
      "events.starts_local",
      "events.ends_local",
      "events.timezone",
      "events.registration_url",
      "events.updated_at",
      "events.created_at",
    ])
    .where("events.status", "=", "approved");
  if (options.year !== undefined) query = query.where("event_editions.year", "=", options.year);
  const rows = await query.orderBy("events.starts_at", "desc").limit(FEED_CAP).execute();

  const { appUrl } = loadConfig();
  const host = new URL(appUrl).host;
  const calendar = ical({
    name: options.year
      ? `${options.appName}: Global Encryption Day ${options.year}`
      : `${options.appName}: Global Encryption Day`,
    prodId: { company: host, product: "events", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    url: `${appUrl}/events`,
  });
  // A generator only: the calendar itself has no zone, each event names its own.
  calendar.timezone({ name: null, generator: vtimezone });
  for (const row of rows) {
    const url = `${appUrl}/events/${row.slug}`;
    const location = [row.city, row.jurisdiction_code].filter(Boolean).join(", ");
    calendar.createEvent({
      id: `event-${row.id}@${host}`,
      start: DateTime.fromISO(row.starts_local, { zone: row.timezone }),
      end: DateTime.fromISO(row.ends_local, { zone: row.timezone }),
      timezone: row.timezone,
      summary: row.title,
      description: `${row.organiser_name}\n\n${row.description}${row.registration_url ? `\n\n${row.registration_url}` : ""}`,
      location: row.online ? (location ? `${location} / online` : "Online") : location,
      url,
      stamp: new Date(row.updated_at),
      created: new Date(row.created_at),
      lastModified: new Date(row.updated_at),
    });
  }
  return calendar.toString();
}
