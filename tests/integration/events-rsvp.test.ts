/**
 * RSVPs: double opt-in through a page whose button POSTs, one reply per person per event
 * (normalised e-mail), `rsvp_count` equal to the confirmed replies, and the organiser sees only
 * the people who agreed to share their contact.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let member: Client;
let representative: Client;
let slug: string;
let eventId: number;

let nextIp = 1;
const visitor = () => new Client(server.url, `10.62.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`);

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.62.200.1");
  member = new Client(server.url, "10.62.200.2");
  representative = new Client(server.url, "10.62.200.3");
  await staff.login(DEMO.staff);
  await member.login(DEMO.chapter_member);
  await representative.login(DEMO.coalition_member);
  expect((await staff.post("/staff/events", { intent: "edition", year: "2031", day: "2031-10-21" })).status).toBe(200);
  const created = await member.post("/events/new", {
    title: "Encryption 101",
    kind: "training",
    jurisdiction: "KE",
    city: "Nairobi",
    timezone: "Africa/Nairobi",
    startsLocal: "2031-10-21T18:00",
    endsLocal: "2031-10-21T20:00",
    description: "Bring your phone.",
  });
  slug = created.headers.get("location")!.slice("/events/".length);
  eventId = (await db.selectFrom("events").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
});
afterAll(() => server.close());

const rsvps = () => db.selectFrom("event_rsvps").selectAll().where("event_id", "=", eventId).orderBy("id").execute();
const rsvpCount = async () =>
  (await db.selectFrom("events").select("rsvp_count").where("id", "=", eventId).executeTakeFirstOrThrow()).rsvp_count;
const mailsTo = (address: string) =>
  db.selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();
function confirmToken(text: string): string {
  const match = /\/events\/rsvp\/confirm\?token=([a-z0-9]+)/.exec(text);
  if (!match) throw new Error("no confirm link in the message");
  return match[1];
}

async function confirm(address: string) {
  const [mail] = (await mailsTo(address)).slice(-1);
  const token = confirmToken(mail.text);
  const response = await visitor().post("/events/rsvp/confirm", { token });
  expect(response.status).toBe(200);
  return token;
}

describe("RSVPs", () => {
  it("only approved events take replies", async () => {
    const response = await visitor().post(`/events/${slug}`, { name: "Early", email: "early@example.org" });
    expect(response.status).toBe(404);
    const event = await db.selectFrom("events").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    expect((await staff.post("/staff/events", { intent: "approve", eventId: String(event.id) })).status).toBe(200);
    expect(await rsvps()).toHaveLength(0);
  });

  it("pending until confirmed through a POST; GET changes nothing; the count follows in the same write", async () => {
    const person = visitor();
    const answer = await person.post(`/events/${slug}`, {
      name: "Wanjiru Kamau",
      email: "Wanjiru.Kamau+ged@example.org",
      shareWithOrganiser: "on",
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("Check your e-mail");
    const [row] = await rsvps();
    expect(row).toMatchObject({
      status: "pending",
      email: "Wanjiru.Kamau+ged@example.org",
      email_normalised: "wanjiru.kamau@example.org",
      share_with_organiser: 1,
      confirmed_at: null,
    });
    expect(await rsvpCount()).toBe(0);

    const [mail] = await mailsTo("Wanjiru.Kamau+ged@example.org");
    expect(mail.template).toBe("rsvp-confirm");
    expect(mail.subject).toContain("Encryption 101");
    expect(mail.text).toContain("East Africa Time");
    const token = confirmToken(mail.text);

    const look = await visitor().get(`/events/rsvp/confirm?token=${token}`);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain(`value="${token}"`);
    expect((await rsvps())[0].status).toBe("pending");

    expect((await visitor().post("/events/rsvp/confirm", { token })).status).toBe(200);
    expect((await rsvps())[0]).toMatchObject({ status: "confirmed", confirm_token_hash: null });
    expect(await rsvpCount()).toBe(1);

    // The token works once.
    expect((await visitor().post("/events/rsvp/confirm", { token })).status).toBe(400);
    expect((await visitor().post("/events/rsvp/confirm", { token: "../../etc" })).status).toBe(400);
    expect(await rsvpCount()).toBe(1);
  });

  it("one reply per person: the same normalised address gets the same answer and writes no second row", async () => {
    const before = (await rsvps()).length;
    const again = await visitor().post(`/events/${slug}`, { name: "Someone Else", email: "wanjiru.kamau@EXAMPLE.org" });
    expect(again.status).toBe(200);
    expect((await rsvps()).length).toBe(before);
    expect(await rsvpCount()).toBe(1);
    // A confirmed reply is not mailed again.
    expect(await mailsTo("wanjiru.kamau@EXAMPLE.org")).toHaveLength(0);

    // A pending reply repeated is replaced, with a fresh link each time (within the address's
    // caps on unsolicited mail); only the newest link confirms, once.
    await visitor().post(`/events/${slug}`, { name: "Otieno", email: "otieno@example.org" });
    await visitor().post(`/events/${slug}`, { name: "Otieno", email: "otieno@example.org" });
    await visitor().post(`/events/${slug}`, { name: "Otieno", email: "otieno@example.org" });
    const mails = await mailsTo("otieno@example.org");
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => confirmToken(m.text))).size).toBe(3);
    expect((await visitor().post("/events/rsvp/confirm", { token: confirmToken(mails[0].text) })).status).toBe(400);
    await confirm("otieno@example.org");
    expect(await rsvpCount()).toBe(2);
    expect((await rsvps()).filter((r) => r.status === "confirmed")).toHaveLength(2);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = (await rsvps()).length;
    for (const form of [
      { name: "", email: "x@example.org" },
      { name: "X", email: "not-an-address" },
      { name: "X", email: "x@example.org\r\nBcc: victim@example.org" },
      { name: "<script>", email: "y@example.org" },
      { name: "x".repeat(500), email: "z@example.org" },
    ]) {
      const response = await visitor().post(`/events/${slug}`, form);
      expect(response.status).toBe(400);
    }
    expect((await rsvps()).length).toBe(before);
  });

  it("the organiser sees the count and only the people who consented; others see neither", async () => {
    await visitor().post(`/events/${slug}`, { name: "Private Person", email: "private@example.org" });
    await confirm("private@example.org");
    expect(await rsvpCount()).toBe(3);
    expect(await rsvpCount()).toBe((await rsvps()).filter((r) => r.status === "confirmed").length);

    const organiserView = await (await member.get(`/events/${slug}`)).text();
    expect(organiserView).toContain("3 confirmed replies");
    expect(organiserView).toContain("Wanjiru.Kamau+ged@example.org");
    expect(organiserView).not.toContain("private@example.org");
    expect(organiserView).not.toContain("Private Person");
    expect(organiserView).not.toContain("otieno@example.org");

    for (const client of [visitor(), representative]) {
      const html = await (await client.get(`/events/${slug}`)).text();
      expect(html).not.toContain("confirmed replies");
      expect(html).not.toContain("Wanjiru.Kamau+ged@example.org");
    }
  });

  it("past events take no replies", async () => {
    const response = await visitor().post("/events/nairobi-secure-messaging-workshop-2026", {
      name: "Late",
      email: "late@example.org",
    });
    expect(response.status).toBe(400);
    expect(await mailsTo("late@example.org")).toHaveLength(0);
  });
});
