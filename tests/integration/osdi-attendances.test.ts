/**
 * The OSDI record attendance helper goes through the RSVP form's rules: a pending reply until the
 * person confirms by e-mail, counted only then, one reply per address, hostile input refused, and
 * the key's scope and access checked first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { createApiKey } from "../../app/features/api-keys/keys.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
let client: Client;
let eventId: number;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "10.63.0.1");
  const staff = new Client(server.url, "10.63.0.2");
  const member = new Client(server.url, "10.63.0.3");
  await staff.login(DEMO.staff);
  await member.login(DEMO.chapter_member);
  expect((await staff.post("/staff/events", { intent: "edition", year: "2032", day: "2032-10-21" })).status).toBe(200);
  const created = await member.post("/events/new", {
    title: "OSDI crypto party",
    kind: "training",
    jurisdiction: "KE",
    city: "Nairobi",
    timezone: "Africa/Nairobi",
    startsLocal: "2032-10-21T18:00",
    endsLocal: "2032-10-21T20:00",
    description: "Bring your phone.",
  });
  const slug = created.headers.get("location")!.slice("/events/".length);
  eventId = (await db.selectFrom("events").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  await db.updateTable("events").set({ status: "approved" }).where("id", "=", eventId).execute();
  const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
  tokens.write = (await createApiKey(admin, { name: "rsvp", access: "read_write", resources: ["attendances"] })).token;
  tokens.read = (await createApiKey(admin, { name: "rsvp-ro", access: "read", resources: ["attendances"] })).token;
  tokens.other = (await createApiKey(admin, { name: "sig", access: "read_write", resources: ["signatures"] })).token;
});
afterAll(() => server.close());

async function post(path: string, token: string | undefined, body: unknown) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token) headers["OSDI-API-Token"] = token;
  const response = await client.request(`/api/osdi/v1${path}`, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers,
  });
  return { status: response.status, body: (await response.json()) as { errors?: Record<string, string> } };
}

const attendee = (email: string) => ({
  person: { given_name: "Grace", family_name: "Hopper", email_addresses: [{ address: email }] },
  status: "accepted",
});

const rsvpCount = async () =>
  (await db.selectFrom("events").select("rsvp_count").where("id", "=", eventId).executeTakeFirstOrThrow()).rsvp_count;

describe("the record attendance helper", () => {
  it("checks the key first: none 401, another resource or read-only 403, nothing written", async () => {
    const path = `/events/${eventId}/attendances`;
    expect((await post(path, undefined, attendee("a@example.net"))).status).toBe(401);
    expect((await post(path, tokens.other, attendee("a@example.net"))).status).toBe(403);
    expect((await post(path, tokens.read, attendee("a@example.net"))).status).toBe(403);
    expect(await db.selectFrom("event_rsvps").select("id").where("email", "=", "a@example.net").execute()).toEqual([]);
  });

  it("records a pending reply that counts only once confirmed, and once per address", async () => {
    const email = "osdi-attendee@example.net";
    const first = await post(`/events/${eventId}/record_attendance_helper`, tokens.write, attendee(email));
    expect(first.status).toBe(202);
    const again = await post(`/events/${eventId}/attendances`, tokens.write, attendee("OSDI-Attendee+x@example.net"));
    expect(again).toEqual(first);
    const rows = await db.selectFrom("event_rsvps").selectAll().where("event_id", "=", eventId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "pending", name: "Grace Hopper", share_with_organiser: 0 });
    expect(await rsvpCount()).toBe(0);

    const mail = (await lastMailTo("OSDI-Attendee+x@example.net"))!;
    const token = /\/events\/rsvp\/confirm\?token=([a-z0-9]+)/.exec(mail.text)![1]!;
    expect((await new Client(server.url, "10.63.0.9").post("/events/rsvp/confirm", { token })).status).toBe(200);
    expect(await rsvpCount()).toBe(1);

    const list = await client.request(`/api/osdi/v1/events/${eventId}/attendances`, {
      headers: { "OSDI-API-Token": tokens.read },
    });
    const body = (await list.json()) as {
      total_records: number;
      _embedded: Record<string, Array<Record<string, unknown>>>;
    };
    expect(body.total_records).toBe(1);
    // The person did not agree to share their contact (the API cannot ask): no person.
    expect(body._embedded["osdi:attendances"][0]!._embedded).toBeUndefined();
  });

  it("hostile or incomplete bodies are a 400 naming the fields, and write nothing", async () => {
    const before = (await db.selectFrom("event_rsvps").select("id").execute()).length;
    const cases: Array<[unknown, string]> = [
      [{}, "person"],
      [{ person: { given_name: "G", email_addresses: [{ address: "nope" }] } }, "person.email_addresses[0].address"],
      [{ person: { email_addresses: [{ address: "g@example.net" }] } }, "person.given_name"],
      [{ person: { given_name: "<b>G</b>", email_addresses: [{ address: "g@example.net" }] } }, "person.given_name"],
      [{ person: { given_name: "G\u0000", email_addresses: [{ address: "g@example.net" }] } }, "person.given_name"],
      ["[]", "body"],
    ];
    for (const [body, field] of cases) {
      const answer = await post(`/events/${eventId}/attendances`, tokens.write, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(answer.body.errors ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await db.selectFrom("event_rsvps").select("id").execute()).length).toBe(before);
    expect((await post(`/events/99999999/attendances`, tokens.write, attendee("n@example.net"))).status).toBe(404);
  });
});
