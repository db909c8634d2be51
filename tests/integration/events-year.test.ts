/**
 * The Global Encryption Day year through the real HTTP stack: after an edition's day, `/events`
 * shows the next edition and the previous one's figures, past events are marked and take no more
 * replies; with no edition to come, `/events/new` lets people ask staff (limited, audited, mailed
 * once a day); the time-zone select follows the country without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { nextEdition, previousEdition } from "../../app/features/events/edition-days";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { event as insertEvent } from "../support/target-fixtures";

let server: TestServer;
let anonymous: Client;
let staff: Client;
let member: Client;
let representative: Client;

const editions = () => db.selectFrom("event_editions").select(["id", "year", "day"]).orderBy("year", "desc").execute();

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Client(server.url, "10.62.0.1");
  staff = new Client(server.url, "10.62.0.2");
  member = new Client(server.url, "10.62.0.3");
  representative = new Client(server.url, "10.62.0.4");
  await staff.login(DEMO.staff);
  await member.login(DEMO.chapter_member);
  await representative.login(DEMO.coalition_member);
  // The demo has past editions; make sure one is still to come whatever today is.
  const now = new Date();
  if (!nextEdition(await editions(), now)) {
    const year = now.getUTCFullYear() + 1;
    expect(
      (await staff.post("/staff/events", { intent: "edition", year: String(year), day: `${year}-10-21` })).status,
    ).toBe(200);
  }
});
afterAll(() => server.close());

async function html(client: Client, path: string): Promise<string> {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe("/events around an edition's day", () => {
  it("shows the next edition by default, with the previous edition's figures and a link to them", async () => {
    const all = await editions();
    const next = nextEdition(all)!;
    const previous = previousEdition(all)!;
    const page = await html(anonymous, "/events");
    expect(page).toContain(`Global Encryption Day ${next.year}</h1>`);
    expect(page).toContain(`Last edition, ${previous.year}, in figures`);
    expect(page).toContain(`href="/events?edition=${previous.year}"`);
    expect(page).not.toContain("has taken place");
  });

  it("marks a past edition and each of its events as past, and points to the next edition", async () => {
    const all = await editions();
    const next = nextEdition(all)!;
    const previous = previousEdition(all)!;
    // The demo's last edition has events; whichever edition is last, give it one of its own.
    await insertEvent({
      editionId: previous.id,
      status: "approved",
      jurisdiction: "FR",
      startsLocal: `${previous.day}T18:00`,
      endsLocal: `${previous.day}T20:00`,
      timezone: "Europe/Paris",
      startsAt: `${previous.day}T16:00:00.000Z`,
      endsAt: `${previous.day}T18:00:00.000Z`,
    });
    const approved = Number(
      (
        await db
          .selectFrom("events")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("edition_id", "=", previous.id)
          .where("status", "=", "approved")
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(approved).toBeGreaterThan(0);
    const page = await html(anonymous, `/events?edition=${previous.year}`);
    expect(page).toContain(`Global Encryption Day ${previous.year} has taken place`);
    expect(page).toContain(`href="/events?edition=${next.year}"`);
    const shown = (page.match(/<li class="card">/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect((page.match(/class="badge badge-past">Past</g) ?? []).length).toBe(shown);
    // The next edition's page has no past marker.
    expect(await html(anonymous, `/events?edition=${next.year}`)).not.toContain("badge-past");
  });

  it("closes replies to an event of a past edition even when the event itself is later", async () => {
    const previous = previousEdition(await editions())!;
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const id = await insertEvent({
      editionId: previous.id,
      status: "approved",
      jurisdiction: "KE",
      startsLocal: later.slice(0, 16),
      endsLocal: later.slice(0, 16),
      timezone: "UTC",
      startsAt: later,
      endsAt: new Date(Date.parse(later) + 3_600_000).toISOString(),
    });
    const { slug } = await db.selectFrom("events").select("slug").where("id", "=", id).executeTakeFirstOrThrow();
    const page = await html(anonymous, `/events/${slug}`);
    expect(page).toContain('class="badge badge-past">Past<');
    expect(page).not.toContain('name="shareWithOrganiser"');
    const rsvp = await anonymous.post(`/events/${slug}`, { name: "Ada", email: "ada@example.net" });
    expect(rsvp.status).toBe(400);
    const rows = await db.selectFrom("event_rsvps").select("id").where("event_id", "=", id).execute();
    expect(rows).toHaveLength(0);
  });
});

describe("the time zone follows the country, without JavaScript", () => {
  it("?country= preselects the country and its most common zone, listed first", async () => {
    const page = await html(member, "/events/new?country=us");
    expect(page).toMatch(/<option value="US" selected="">/);
    expect(page).toMatch(/<optgroup label="Time zones in United States[^"]*"><option value="America\/New_York"/);
    expect(page).toMatch(/<option value="America\/New_York" selected="">/);
  });

  it("after a validation round trip, the submitted country's zones come first", async () => {
    const response = await member.post("/events/new", { title: "Zones", kind: "training", jurisdiction: "FR" });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toMatch(/<optgroup label="Time zones in France[^"]*"><option value="Europe\/Paris">/);
    expect(page).toContain('<optgroup label="All other time zones">');
  });
});

describe("asking staff to open an edition when none is to come", () => {
  const requests = () =>
    db
      .selectFrom("outbox")
      .select(["to_address", "idempotency_key"])
      .where("template", "=", "edition-request")
      .execute();
  const audits = () =>
    db.selectFrom("audit_log").select(["actor_user_id"]).where("action", "=", "event_edition.request").execute();

  beforeAll(async () => {
    const next = nextEdition(await editions());
    // Not yet used by events: the coming edition goes away for these tests.
    if (next) await db.deleteFrom("event_editions").where("id", "=", next.id).execute();
  });

  it("the submit page explains it and offers the request instead of a form that cannot succeed", async () => {
    const page = await html(member, "/events/new");
    expect(page).toContain("No edition is open yet");
    expect(page).toContain('name="intent" value="requestEdition"');
    expect(page).not.toContain('name="title"');
    // Staff open editions themselves.
    const staffPage = await html(staff, "/events/new");
    expect(staffPage).toContain('href="/staff/events"');
    expect(staffPage).not.toContain('value="requestEdition"');
  });

  it("bad input is a 400 that writes and mails nothing", async () => {
    const forms: Array<Record<string, string>> = [
      { intent: "requestEdition", note: "x".repeat(501) },
      { intent: "requestEdition", note: "bell\u0007" },
      { intent: "requestEditions" },
    ];
    for (const form of forms) {
      const response = await member.post("/events/new", form);
      expect(response.status, JSON.stringify(form)).toBe(400);
    }
    expect(await requests()).toHaveLength(0);
    expect(await audits()).toHaveLength(0);
  });

  it("mails every active staff member once, is audited, and a repeat the same day sends nothing more", async () => {
    const staffCount = (
      await db
        .selectFrom("users")
        .select("id")
        .where("role", "in", ["staff", "admin"])
        .where("status", "=", "active")
        .execute()
    ).length;
    expect(staffCount).toBeGreaterThan(0);
    const first = await member.post("/events/new", { intent: "requestEdition", note: "A training in Nairobi." });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("staff have your request");
    const mails = await requests();
    expect(mails).toHaveLength(staffCount);
    expect(new Set(mails.map((m) => m.to_address)).size).toBe(staffCount);
    const one = await db
      .selectFrom("outbox")
      .select(["text"])
      .where("template", "=", "edition-request")
      .executeTakeFirstOrThrow();
    expect(one.text).toContain("Kenya Chapter");
    expect(one.text).toContain("A training in Nairobi.");
    expect(await audits()).toHaveLength(1);

    const again = await member.post("/events/new", { intent: "requestEdition" });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("You already asked today");
    expect(await requests()).toHaveLength(staffCount);
    expect(await audits()).toHaveLength(1);
    // The page remembers it: no second button today.
    expect(await html(member, "/events/new")).not.toContain('value="requestEdition"');

    // Someone else's request is theirs to make.
    expect((await representative.post("/events/new", { intent: "requestEdition" })).status).toBe(200);
    expect(await requests()).toHaveLength(2 * staffCount);
  });

  it("once staff open an edition, the form is back and a request is refused", async () => {
    const year = new Date().getUTCFullYear() + 2;
    expect(
      (await staff.post("/staff/events", { intent: "edition", year: String(year), day: `${year}-10-21` })).status,
    ).toBe(200);
    const lead = new Client(server.url, "10.62.0.5");
    await lead.login(DEMO.chapter_lead);
    expect(await html(lead, "/events/new")).toContain('name="title"');
    const before = (await requests()).length;
    expect((await lead.post("/events/new", { intent: "requestEdition" })).status).toBe(400);
    expect(await requests()).toHaveLength(before);
  });
});
