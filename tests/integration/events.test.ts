/**
 * Global Encryption Day events through the real HTTP stack: submission with time zones and field
 * errors that write nothing, staff review and resubmission, organiser scoping, audience reports
 * and an edition's totals.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
let staff: Client;
let member: Client;
let representative: Client;
let lead: Client;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.61.0.1");
  member = new Client(server.url, "10.61.0.2");
  representative = new Client(server.url, "10.61.0.3");
  lead = new Client(server.url, "10.61.0.4");
  await staff.login(DEMO.staff);
  await member.login(DEMO.chapter_member);
  await representative.login(DEMO.coalition_member);
  await lead.login(DEMO.chapter_lead);
  // Editions to submit into: a future one, and a past one whose events can report.
  for (const year of ["2030", "2019"]) {
    const response = await staff.post("/staff/events", { intent: "edition", year, day: `${year}-10-21` });
    expect(response.status).toBe(200);
  }
});
afterAll(() => server.close());

let seq = 0;
function eventForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: `Encryption clinic ${++seq}`,
    kind: "training",
    jurisdiction: "KE",
    city: "Nairobi",
    timezone: "Africa/Nairobi",
    startsLocal: "2030-10-21T18:00",
    endsLocal: "2030-10-21T20:00",
    description: "A hands-on evening on secure messaging.",
    registrationUrl: "https://example.org/register",
    expectedReach: "80",
    ...overrides,
  };
}

const eventBySlug = (slug: string) => db.selectFrom("events").selectAll().where("slug", "=", slug).executeTakeFirst();
const countEvents = async () =>
  Number(
    (
      await db
        .selectFrom("events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditOf = (action: string, entityId: number) =>
  db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", action)
    .where("entity_id", "=", String(entityId))
    .execute();

/** Submits as `client` and returns the new event's slug. */
async function submit(client: Client, overrides: Record<string, string> = {}): Promise<string> {
  const response = await client.post("/events/new", eventForm(overrides));
  expect(response.status).toBe(302);
  const location = response.headers.get("location")!;
  expect(location).toMatch(/^\/events\/[a-z0-9-]+$/);
  return location.slice("/events/".length);
}

async function approve(slug: string) {
  const event = (await eventBySlug(slug))!;
  const response = await staff.post("/staff/events", { intent: "approve", eventId: String(event.id) });
  expect(response.status).toBe(200);
  return event;
}

describe("submitting an event", () => {
  it("stores the wall-clock times, the zone and the UTC instants; the organiser is the member's chapter", async () => {
    const slug = await submit(member, {
      title: "Late talk in Los Angeles",
      jurisdiction: "US",
      city: "Los Angeles",
      timezone: "America/Los_Angeles",
      startsLocal: "2030-10-21T22:30",
      endsLocal: "2030-10-22T00:30",
      // Hostile values are stored as typed and shown escaped.
      description: "<script>alert(1)</script> and 'quotes'; DROP TABLE events;",
    });
    expect(slug).toBe("late-talk-in-los-angeles-2030");
    const event = (await eventBySlug(slug))!;
    expect(event).toMatchObject({
      status: "submitted",
      starts_local: "2030-10-21T22:30",
      ends_local: "2030-10-22T00:30",
      timezone: "America/Los_Angeles",
      starts_at: "2030-10-22T05:30:00.000Z",
      ends_at: "2030-10-22T07:30:00.000Z",
      organiser_name: "Kenya Chapter",
      coalition_member_id: null,
      expected_reach: 80,
    });
    expect(event.chapter_id).not.toBeNull();
    expect(await auditOf("event.submit", event.id)).toHaveLength(1);
    // Not public until approved; its organiser sees it, with its status.
    expect((await new Client(server.url).get(`/events/${slug}`)).status).toBe(404);
    const own = await member.get(`/events/${slug}`);
    expect(own.status).toBe(200);
    const html = await own.text();
    expect(html).toContain("Waiting for review");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
  });

  it("accepts a zone under its current name even where the platform's list has the legacy one", async () => {
    const slug = await submit(member, {
      jurisdiction: "IN",
      city: "New Delhi",
      timezone: "Asia/Kolkata",
      startsLocal: "2030-10-21T09:00",
      endsLocal: "2030-10-21T10:00",
    });
    expect(await eventBySlug(slug)).toMatchObject({ timezone: "Asia/Kolkata", starts_at: "2030-10-21T03:30:00.000Z" });
    const edit = await (await member.get(`/events/${slug}/edit`)).text();
    expect(edit).toMatch(/<option value="Asia\/Kolkata" selected="">/);
  });

  it("a representative submits for their organisation; staff type the organiser's name", async () => {
    const bySlug = await submit(representative, { jurisdiction: "DE", city: "Berlin", timezone: "Europe/Berlin" });
    expect((await eventBySlug(bySlug))!.organiser_name).toBe("Open Networks Foundation (demo)");
    expect((await staff.post("/events/new", eventForm())).status).toBe(400);
    const staffSlug = await submit(staff, { organiserName: "Global Encryption Coalition", online: "on", city: "" });
    expect(await eventBySlug(staffSlug)).toMatchObject({
      organiser_name: "Global Encryption Coalition",
      chapter_id: null,
      online: 1,
      city: null,
    });
  });

  it.each([
    ["a time skipped by DST", { timezone: "Europe/Paris", startsLocal: "2030-03-31T02:30" }, "startsLocal"],
    ["an end before the start", { endsLocal: "2030-10-21T17:00" }, "endsLocal"],
    ["an end equal to the start", { endsLocal: "2030-10-21T18:00" }, "endsLocal"],
    ["an unknown time zone", { timezone: "Mars/Olympus" }, "timezone"],
    ["a year without an edition", { startsLocal: "2040-10-21T18:00", endsLocal: "2040-10-21T19:00" }, "startsLocal"],
    ["a javascript: link", { registrationUrl: "javascript:alert(1)" }, "registrationUrl"],
    ["no city and not online", { city: "" }, "city"],
    ["an unknown country", { jurisdiction: "XX" }, "jurisdiction"],
    ["a negative reach", { expectedReach: "-5" }, "expectedReach"],
    ["a missing title", { title: "" }, "title"],
    ["a title with a line break", { title: "a\r\nb" }, "title"],
    ["an unknown kind", { kind: "party" }, "kind"],
  ])("answers 400 naming the field for %s, and writes nothing", async (_label, overrides, field) => {
    const before = await countEvents();
    const response = await member.post("/events/new", eventForm(overrides));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toMatch(new RegExp(`id="[^"]*-${field}-error"`));
    expect(await countEvents()).toBe(before);
  });

  it("is for signed-in organisers only", async () => {
    const anonymous = await new Client(server.url).post("/events/new", eventForm());
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("review and resubmission", () => {
  it("staff send back with a required comment, the submitter is mailed, edits go back to review, then approval", async () => {
    const slug = await submit(member);
    const event = (await eventBySlug(slug))!;

    const noComment = await staff.post("/staff/events", {
      intent: "sendBack",
      eventId: String(event.id),
      comment: " ",
    });
    expect(noComment.status).toBe(400);
    expect((await eventBySlug(slug))!.status).toBe("submitted");

    const sendBack = await staff.post("/staff/events", {
      intent: "sendBack",
      eventId: String(event.id),
      comment: "Please add the venue.",
    });
    expect(sendBack.status).toBe(200);
    expect(await eventBySlug(slug)).toMatchObject({
      status: "changes_requested",
      review_comment: "Please add the venue.",
    });
    expect(await auditOf("event.send_back", event.id)).toHaveLength(1);
    const mail = (await lastMailTo(DEMO.chapter_member))!;
    expect(mail.template).toBe("event-reviewed");
    expect(mail.text).toContain("Please add the venue.");
    expect(mail.text).toContain(`/events/${slug}/edit`);

    // A sent-back event cannot be approved until it is resubmitted.
    expect((await staff.post("/staff/events", { intent: "approve", eventId: String(event.id) })).status).toBe(400);

    const edit = await member.get(`/events/${slug}/edit`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain("Please add the venue.");
    const resubmit = await member.post(`/events/${slug}/edit`, eventForm({ title: "Clinic at the library" }));
    expect(resubmit.status).toBe(302);
    expect(await eventBySlug(slug)).toMatchObject({ status: "submitted", title: "Clinic at the library", slug });
    expect(await auditOf("event.resubmit", event.id)).toHaveLength(1);

    await approve(slug);
    expect((await eventBySlug(slug))!.status).toBe("approved");
    expect(await auditOf("event.approve", event.id)).toHaveLength(1);
    expect((await new Client(server.url).get(`/events/${slug}`)).status).toBe(200);
    const list = await (await new Client(server.url).get("/events?edition=2030")).text();
    expect(list).toContain("Clinic at the library");

    // An organiser's edit of an approved event goes back to review; staff's edit keeps it approved.
    expect((await member.post(`/events/${slug}/edit`, eventForm({ title: "Clinic, new time" }))).status).toBe(302);
    expect((await eventBySlug(slug))!.status).toBe("submitted");
    await approve(slug);
    expect((await staff.post(`/events/${slug}/edit`, eventForm({ title: "Clinic, by staff" }))).status).toBe(302);
    expect((await eventBySlug(slug))!.status).toBe("approved");
  });

  it("the review queue and editions are staff work", async () => {
    const slug = await submit(member);
    const event = (await eventBySlug(slug))!;
    for (const client of [member, lead, representative]) {
      expect((await client.get("/staff/events")).status).toBe(403);
      expect((await client.post("/staff/events", { intent: "approve", eventId: String(event.id) })).status).toBe(403);
    }
    expect((await eventBySlug(slug))!.status).toBe("submitted");
    expect((await staff.post("/staff/events", { intent: "edition", year: "2030", day: "2030-10-22" })).status).toBe(
      400,
    );
    expect((await staff.post("/staff/events", { intent: "edition", year: "2031", day: "2030-10-21" })).status).toBe(
      400,
    );
  });
});

describe("withdrawing", () => {
  it("the organiser withdraws after confirming; the event leaves the public pages and the API", async () => {
    const slug = await submit(member);
    const event = await approve(slug);
    expect((await member.post(`/events/${slug}/edit`, { intent: "withdraw" })).status).toBe(400);
    expect((await eventBySlug(slug))!.status).toBe("approved");
    expect((await representative.post(`/events/${slug}/edit`, { intent: "withdraw", confirm: "yes" })).status).toBe(
      403,
    );
    expect((await member.post(`/events/${slug}/edit`, { intent: "withdraw", confirm: "yes" })).status).toBe(302);
    expect((await eventBySlug(slug))!.status).toBe("withdrawn");
    expect(await auditOf("event.withdraw", event.id)).toHaveLength(1);
    expect((await new Client(server.url).get(`/events/${slug}`)).status).toBe(404);
    const api = await (await new Client(server.url).get("/api/v1/events?edition=2030&per_page=100")).text();
    expect(api).not.toContain(`/events/${slug}"`);
    // A withdrawn event is not edited back to life.
    expect((await member.post(`/events/${slug}/edit`, eventForm())).status).toBe(400);
    expect((await eventBySlug(slug))!.status).toBe("withdrawn");
  });
});

describe("organiser scoping", () => {
  it("a chapter cannot edit or report another chapter's event, nor a representative a chapter's", async () => {
    const other = (await db
      .selectFrom("events")
      .selectAll()
      .where("slug", "=", "cotonou-open-letter-signing-2025")
      .executeTakeFirst())!;
    for (const client of [member, lead, representative]) {
      expect((await client.get(`/events/${other.slug}/edit`)).status).toBe(403);
      expect((await client.post(`/events/${other.slug}/edit`, eventForm({ title: "Hijacked" }))).status).toBe(403);
      expect((await client.post(`/events/${other.slug}/report`, { attendance: "1" })).status).toBe(403);
    }
    expect((await eventBySlug(other.slug))!.title).toBe(other.title);
    expect((await eventBySlug(other.slug))!.attendance).toBe(other.attendance);
    // The chapter's lead manages the member's event.
    const own = await submit(member);
    expect((await lead.get(`/events/${own}/edit`)).status).toBe(200);
    expect((await representative.get(`/events/${own}`)).status).toBe(404);
  });
});

describe("reports and totals", () => {
  it("reports after the start only, audited; totals add distinct audiences and keep forecasts apart", async () => {
    const future = await submit(member);
    await approve(future);
    expect((await member.post(`/events/${future}/report`, { attendance: "10" })).status).toBe(400);
    expect((await eventBySlug(future))!.reported_at).toBeNull();

    const base = { startsLocal: "2019-10-21T10:00", endsLocal: "2019-10-21T12:00" };
    const a = await submit(member, { ...base, kind: "training", jurisdiction: "KE", expectedReach: "1000" });
    const b = await submit(representative, { ...base, kind: "media", jurisdiction: "DE", expectedReach: "5000" });
    const c = await submit(member, { ...base, kind: "training", jurisdiction: "EU", expectedReach: "7" });
    const pending = await submit(member, { ...base, kind: "training", expectedReach: "999999" });
    for (const slug of [a, b, c]) await approve(slug);

    expect((await member.post(`/events/${a}/report`, { attendance: "-1" })).status).toBe(400);
    expect((await member.post(`/events/${a}/report`, {})).status).toBe(400);
    expect((await member.post(`/events/${a}/report`, { attendance: "40", onlineViews: "300" })).status).toBe(302);
    expect(
      (await representative.post(`/events/${b}/report`, { attendance: "5", onlineViews: "0", mediaReach: "20000" }))
        .status,
    ).toBe(302);
    // A second report replaces the first: nothing counts twice.
    expect((await member.post(`/events/${a}/report`, { attendance: "50", onlineViews: "300" })).status).toBe(302);
    expect(await eventBySlug(a)).toMatchObject({ attendance: 50, online_views: 300, media_reach: null });
    expect(await auditOf("event.report", (await eventBySlug(a))!.id)).toHaveLength(2);
    expect((await eventBySlug(pending))!.status).toBe("submitted");

    const { editionTotals } = await import("~/features/events/report.server");
    const edition = await db
      .selectFrom("event_editions")
      .select("id")
      .where("year", "=", 2019)
      .executeTakeFirstOrThrow();
    const totals = await editionTotals(edition.id);
    expect(totals).toMatchObject({
      events: 3,
      countries: 2, // KE and DE; the EU is not a country
      reported: 2,
      attendance: 55,
      online_views: 300,
      media_reach: 20000,
      reach: 20355,
      expected: 6007,
    });
    expect(totals.byKind.find((k) => k.kind === "training")).toMatchObject({ events: 2, reach: 350 });
    expect(totals.byKind.find((k) => k.kind === "media")).toMatchObject({ events: 1, reach: 20005 });

    const page = await (await new Client(server.url).get("/events?edition=2019")).text();
    expect(page).toContain("20,355");
    expect(page).toContain("6,007");
    expect(page).not.toContain("26,362"); // reach + expected would double count
  });
});

describe("the demo seed", () => {
  it("is idempotent and holds editions 2022–2026 with approved, reported, submitted and sent-back events", async () => {
    const { seedDemoEvents } = await import("../../demo/demo-events");
    const before = await countEvents();
    await seedDemoEvents(db);
    expect(await countEvents()).toBe(before);
    const years = (await db.selectFrom("event_editions").select(["year", "day"]).orderBy("year").execute()).filter(
      (e) => e.year >= 2022 && e.year <= 2026,
    );
    expect(years).toEqual([2022, 2023, 2024, 2025, 2026].map((year) => ({ year, day: `${year}-10-21` })));
    const seeded = await db.selectFrom("events").select(["status", "reported_at", "online", "timezone"]).execute();
    expect(seeded.filter((e) => e.status === "approved" && e.reported_at).length).toBeGreaterThan(5);
    expect(seeded.some((e) => e.status === "changes_requested")).toBe(true);
    expect(seeded.some((e) => e.status === "submitted")).toBe(true);
    expect(seeded.some((e) => e.online === 1)).toBe(true);
    expect(new Set(seeded.map((e) => e.timezone)).size).toBeGreaterThan(8);
  });
});
