/** schema.org `Event` of an approved event, for its page. */
import { DateTime } from "luxon";
import { siteUrl, type JsonLdValue } from "~/lib/json-ld";

export interface EventForJsonLd {
  slug: string;
  title: string;
  description: string;
  starts_local: string;
  ends_local: string;
  timezone: string;
  online: number;
  city: string | null;
  jurisdiction_code: string;
  registration_url: string | null;
  organiser_name: string;
}

/** A wall-clock time in its zone as ISO 8601 with the zone's offset then (e.g. +03:00). */
function withOffset(local: string, zone: string): string | undefined {
  const time = DateTime.fromISO(local, { zone });
  return time.isValid ? (time.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}

export function eventJsonLd(event: EventForJsonLd, appUrl: string, countryName: string): JsonLdValue {
  const url = siteUrl(appUrl, `/events/${encodeURIComponent(event.slug)}`);
  const online = event.online === 1;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: event.title,
    description: event.description.slice(0, 1_000),
    startDate: withOffset(event.starts_local, event.timezone),
    endDate: withOffset(event.ends_local, event.timezone),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: online
      ? "https://schema.org/OnlineEventAttendanceMode"
      : "https://schema.org/OfflineEventAttendanceMode",
    location: online
      ? { "@type": "VirtualLocation", url: event.registration_url ?? url }
      : {
          "@type": "Place",
          name: event.city ?? countryName,
          address: {
            "@type": "PostalAddress",
            addressLocality: event.city ?? undefined,
            addressCountry: event.jurisdiction_code.length === 2 ? event.jurisdiction_code : undefined,
          },
        },
    organizer: { "@type": "Organization", name: event.organiser_name },
    url,
  };
}
