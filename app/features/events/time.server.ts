/**
 * Wall-clock times in an event's IANA time zone, and the same instants in UTC. Luxon does the
 * arithmetic with the platform's time-zone database; a local time that a DST change skips does
 * not exist, and Luxon would silently move it: the round trip below catches that.
 */
import { intlTag } from "~/i18n/config";
import { DateTime, IANAZone } from "luxon";
import { tzlib_get_timezones } from "timezones-ical-library";
import type { Result } from "~/lib/result";

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

let zones: readonly string[] | undefined;

/** Every IANA zone the platform knows (for the select), UTC included. */
export function timeZones(): readonly string[] {
  if (!zones) {
    const list = Intl.supportedValuesOf("timeZone");
    zones = list.includes("UTC") ? list : [...list, "UTC"];
  }
  return zones;
}

let ianaNames: ReadonlySet<string> | undefined;

/**
 * A zone the platform computes with and the iCalendar feed can describe. Wider than the select:
 * some Node versions list legacy names (Asia/Calcutta) where the seed or an API client uses the
 * current ones (Asia/Kolkata); both are the same zone.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (!ianaNames) {
    const names = tzlib_get_timezones();
    ianaNames = new Set([...(Array.isArray(names) ? names : []), ...timeZones()]);
  }
  return ianaNames.has(zone) && IANAZone.isValidZone(zone);
}

export type LocalToUtc = Result<{ utc: string }, { reason: "invalid" | "nonexistent" }>;

/** "2026-10-21T18:00" in `zone` → "2026-10-21T15:00:00.000Z"; refuses times skipped by a DST change. */
export function localToUtc(local: string, zone: string): LocalToUtc {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return { ok: false, reason: "invalid" };
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) return { ok: false, reason: "invalid" };
  if (time.toFormat(LOCAL_FORMAT) !== local) return { ok: false, reason: "nonexistent" };
  return { ok: true, utc: new Date(time.toMillis()).toISOString() };
}

/** The wall-clock time of a UTC instant in `zone`, as stored in `starts_local`. */
export function utcToLocal(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: "utc" }).setZone(zone).toFormat(LOCAL_FORMAT);
}

export interface EventWhen {
  /** "Wednesday 21 October 2026" in the event's zone. */
  date: string;
  /** "18:00 – 20:00" or, across midnight, with the end's date. */
  time: string;
  /** The zone's long name ("East Africa Time") and its IANA id. */
  zoneName: string;
  zone: string;
  /** The start in UTC, for those who read that best. */
  utc: string;
}

/** How a page shows an event's times: in its own zone, naming the zone. */
export function describeWhen(
  event: { starts_at: string; ends_at: string; timezone: string },
  locale: string,
): EventWhen {
  const tag = intlTag(locale);
  const start = DateTime.fromISO(event.starts_at, { zone: "utc" }).setZone(event.timezone).setLocale(tag);
  const end = DateTime.fromISO(event.ends_at, { zone: "utc" }).setZone(event.timezone).setLocale(tag);
  const sameDay = start.toISODate() === end.toISODate();
  const date = start.toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const time = sameDay
    ? `${start.toLocaleString(DateTime.TIME_24_SIMPLE)} – ${end.toLocaleString(DateTime.TIME_24_SIMPLE)}`
    : `${start.toLocaleString(DateTime.TIME_24_SIMPLE)} – ${end.toLocaleString({
        weekday: "short",
        day: "numeric",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      })}`;
  const zoneName = start.toFormat("ZZZZZ");
  const utc = DateTime.fromISO(event.starts_at, { zone: "utc" })
    .setLocale(tag)
    .toLocaleString({ day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return { date, time, zoneName, zone: event.timezone, utc: `${utc} UTC` };
}
