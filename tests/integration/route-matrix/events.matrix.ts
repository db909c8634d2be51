import { db } from "../../../db/connection";
import { all, signedIn, staffOnly, type MatrixArea } from "./expectations";

/** The Kenya chapter's people and staff manage the test event; the representative does not. */
const organisers = { ...staffOnly, chapter_lead: 200, chapter_member: 200 };

export const area: MatrixArea = {
  entries: {
    // Public: the list, an approved event, the mailed link's page, the feeds and the open data.
    "routes/events.$slug._index": { path: "/events/:event", expect: all(200) },
    "routes/events.rsvp.confirm": { path: "/events/rsvp/confirm?token=nope", expect: all(200) },
    "routes/events[.]ics": { path: "/events.ics", expect: all(200) },
    "routes/api.v1.events": { path: "/api/v1/events?edition=2026", expect: all(200) },
    // Every signed-in role can submit (chapters, representatives, staff).
    "routes/events.new": { path: "/events/new", expect: signedIn(200) },
    "routes/events.$slug.edit": { path: "/events/:event/edit", expect: { ...organisers, coalition_member: 403 } },
    "routes/events.$slug.report": { path: "/events/:event/report", expect: { ...organisers, coalition_member: 403 } },
    "routes/staff.events": { path: "/staff/events", expect: staffOnly },
  },
  notFound: [
    { path: "/events/no-such-event", as: "anonymous" },
    { path: "/events/no-such-event/edit", as: "staff" },
    { path: "/events/no-such-event/report", as: "staff" },
    { path: "/events/1999.ics", as: "anonymous" },
    // Waiting for review: not public.
    { path: "/events/kisumu-school-outreach-2026", as: "anonymous" },
    { path: "/events/kisumu-school-outreach-2026", as: "coalition_member" },
  ],
  setup: async () => {
    // A seeded, approved event of the Kenya chapter that has already taken place.
    const event = await db
      .selectFrom("events")
      .select("slug")
      .where("slug", "=", "nairobi-secure-messaging-workshop-2026")
      .where("status", "=", "approved")
      .executeTakeFirstOrThrow();
    return { event: event.slug };
  },
};
