/**
 * The open data of events: the iCalendar feeds read back with a real parser (ical.js), and the
 * JSON API's exact contract.
 */
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let member: Client;
let pendingSlug: string;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.63.0.1");
  member = new Client(server.url, "10.63.0.2");
  await staff.login(DEMO.staff);
  await member.login(DEMO.chapter_member);
  const created = await member.post("/events/new", {
    title: "Not approved yet",
    kind: "training",
    jurisdiction: "KE",
    city: "Nairobi",
    timezone: "Africa/Nairobi",
    startsLocal: "2026-10-21T10:00",
    endsLocal: "2026-10-21T11:00",
    description: "Waiting for staff.",
  });
  pendingSlug = created.headers.get("location")!.slice("/events/".length);
});
afterAll(() => server.close());

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  return calendar;
}

const approvedIn = (year?: number) => {
  let query = db
    .selectFrom("events")
    .innerJoin("event_editions", "event_editions.id", "events.edition_id")
    .select(["events.id", "events.slug", "events.starts_at", "events.ends_at", "events.timezone", "events.title"])
    .where("events.status", "=", "approved");
  if (year) query = query.where("event_editions.year", "=", year);
  return query.execute();
};

describe("iCalendar feeds", () => {
  it("/events/2026.ics: one VEVENT per approved event, in its own zone with its VTIMEZONE, UID and URL", async () => {
    const response = await new Client(server.url).get("/events/2026.ics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    expect(text).toContain("\r\n"); // RFC 5545 lines end with CRLF
    const calendar = parseCalendar(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();

    const expected = await approvedIn(2026);
    expect(expected.length).toBeGreaterThan(5);
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(expected.length);
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const zones = new Set(calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")));

    for (const row of expected) {
      const event = events.find((e) => e.uid.startsWith(`event-${row.id}@`));
      expect(event, row.slug).toBeDefined();
      expect(event!.summary).toBe(row.title);
      expect(event!.component.getFirstPropertyValue("url")).toBe(`${server.url}/events/${row.slug}`);
      if (row.timezone !== "UTC") {
        expect(event!.startDate.zone.tzid).toBe(row.timezone);
        expect(zones.has(row.timezone)).toBe(true);
      }
      // With the VTIMEZONE, the parser lands on the same instants as the database.
      expect(event!.startDate.toJSDate().toISOString()).toBe(row.starts_at);
      expect(event!.endDate.toJSDate().toISOString()).toBe(row.ends_at);
    }
    expect(text).not.toContain("Not approved yet");
    expect(text).toMatch(/DTSTART;TZID=Europe\/Berlin:20261021T210000/);
    expect(text).toMatch(/DTEND;TZID=Europe\/Berlin:20261022T010000/);
  });

  it("/events.ics holds every edition's approved events", async () => {
    const text = await (await new Client(server.url).get("/events.ics")).text();
    const events = parseCalendar(text).getAllSubcomponents("vevent");
    expect(events).toHaveLength((await approvedIn()).length);
    expect(text).toContain("Encryption clinic for journalists"); // 2025
    expect(text).not.toContain("Not approved yet");
  });

  it("answers 404 for a year without an edition and 400 for a bad year", async () => {
    expect((await new Client(server.url).get("/events/1999.ics")).status).toBe(404);
    expect((await new Client(server.url).get("/events.ics?year=abc")).status).toBe(400);
    // An event slug is still an event page.
    expect((await new Client(server.url).get("/events/global-livestream-2026")).status).toBe(200);
  });
});

describe("GET /api/v1/events", () => {
  it("has exactly the contract's fields, approved events only, paginated", async () => {
    const response = await new Client(server.url).get("/api/v1/events?edition=2026&per_page=100");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as { data: Array<Record<string, unknown>>; meta: Record<string, number> };
    expect(Object.keys(body).sort()).toEqual(["data", "meta"]);
    const expected = await approvedIn(2026);
    expect(body.meta).toEqual({ page: 1, per_page: 100, total: expected.length });
    expect(body.data).toHaveLength(expected.length);
    for (const item of body.data) {
      expect(Object.keys(item).sort()).toEqual(
        [
          "city",
          "ends_at",
          "id",
          "jurisdiction",
          "kind",
          "online",
          "starts_at",
          "timezone",
          "title",
          "title_language",
          "url",
        ].sort(),
      );
      expect(typeof item.online).toBe("boolean");
    }
    const berlin = body.data.find((e) => e.title === "Late-night CryptoParty")!;
    expect(berlin).toEqual({
      id: berlin.id,
      title: "Late-night CryptoParty",
      title_language: "en",
      kind: "training",
      jurisdiction: "DE",
      city: "Berlin",
      online: false,
      starts_at: "2026-10-21T19:00:00.000Z",
      ends_at: "2026-10-21T23:00:00.000Z",
      timezone: "Europe/Berlin",
      url: `${server.url}/events/berlin-late-night-cryptoparty-2026`,
    });
    expect(JSON.stringify(body)).not.toContain(pendingSlug);

    const page2 = (await (
      await new Client(server.url).get("/api/v1/events?edition=2026&per_page=5&page=2")
    ).json()) as {
      data: Array<{ id: number }>;
      meta: Record<string, number>;
    };
    expect(page2.meta).toEqual({ page: 2, per_page: 5, total: expected.length });
    expect(page2.data.map((e) => e.id)).toEqual(body.data.slice(5, 10).map((e) => e.id));
  });

  it("filters by kind, jurisdiction and online", async () => {
    const get = async (query: string) =>
      (
        (await (await new Client(server.url).get(`/api/v1/events?${query}`)).json()) as {
          data: Array<{ kind: string; jurisdiction: string; online: boolean }>;
        }
      ).data;
    const training = await get("edition=2026&kind=training");
    expect(training.length).toBeGreaterThan(0);
    expect(training.every((e) => e.kind === "training")).toBe(true);
    expect((await get("edition=2026&jurisdiction=ke")).every((e) => e.jurisdiction === "KE")).toBe(true);
    const online = await get("edition=2026&online=true");
    expect(online.length).toBeGreaterThan(0);
    expect(online.every((e) => e.online)).toBe(true);
    expect(await get("edition=2099")).toEqual([]);
  });

  it.each([
    ["edition=twenty", "edition"],
    ["kind=party", "kind"],
    ["jurisdiction=Kenya", "jurisdiction"],
    ["online=maybe", "online"],
    ["per_page=1000", "per_page"],
    ["page=0", "page"],
    ["sort=title", "sort"],
  ])("answers 400 naming the bad parameter for %s", async (query, parameter) => {
    const response = await new Client(server.url).get(`/api/v1/events?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; parameters: Record<string, string> };
    expect(body.error).toBe("invalid_parameters");
    expect(Object.keys(body.parameters)).toEqual([parameter]);
  });
});
