/**
 * Caps on unsolicited mail per recipient: whatever form causes them (signature confirmations and
 * reminders, RSVPs, coalition applications, letter campaign confirmations, invitations, password
 * resets), one address (normalised: case, +tags) gets at most 5 such mails an hour and 10 a day.
 * Over that a public form gives its usual answer and writes nothing. Names typed by people reach
 * those mails as short plain text with nothing a mail client would make a link.
 */
import { settleBackgroundTasks } from "~/lib/background.server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/features/auth/password-reset.server";
import { UNSOLICITED_MAIL_CAPS } from "~/features/email/outbox.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import {
  createApprovedEvent,
  createListCampaign,
  createOpenLetter,
  insertLawmaker,
  mailsTo,
  senderForm,
  signForm,
  uniqueEmail,
} from "../support/optin-fixtures";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.94.250.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

let nextIp = 1;
const visitor = () => {
  const n = nextIp++;
  return new Client(server.url, `10.94.${Math.floor(n / 250)}.${(n % 250) + 1}`);
};

const HOUR = 60 * 60_000;

/** Every mail to any spelling of the address (the test addresses have no dots to fold). */
async function mailsToAnySpelling(address: string) {
  const [local, domain] = address.toLowerCase().split("@");
  const rows = await db.selectFrom("outbox").selectAll().orderBy("id").execute();
  return rows.filter((r) => {
    const [l, d] = r.to_address.toLowerCase().split("@");
    return d === domain && l.split("+")[0] === local;
  });
}

/** Moves mails back in time, as if they had been queued `ms` earlier. */
async function age(ids: number[], ms: number) {
  for (const row of await db.selectFrom("outbox").select(["id", "created_at"]).where("id", "in", ids).execute()) {
    await db
      .updateTable("outbox")
      .set({ created_at: new Date(new Date(row.created_at).getTime() - ms).toISOString() })
      .where("id", "=", row.id)
      .execute();
  }
}

const signaturesTo = async (letterId: number) =>
  db.selectFrom("signatures").selectAll().where("letter_id", "=", letterId).execute();

describe("per-recipient caps", () => {
  it("counts every entry point together, per normalised address: the sixth in an hour is not sent", async () => {
    const address = uniqueEmail("target");
    const spell = (tag: string) => address.replace("@", `+${tag}@`);
    const [l1, l2, l3] = [await createOpenLetter(), await createOpenLetter(), await createOpenLetter()];
    const event = await createApprovedEvent();
    const campaign = await createListCampaign([await insertLawmaker("Senator Gamma", uniqueEmail("gamma"))]);

    expect((await visitor().post(`/letters/${l1.slug}/sign`, signForm({ email: spell("a") }))).status).toBe(303);
    expect(
      (await visitor().post(`/letters/${l2.slug}/sign`, signForm({ email: spell("b").toUpperCase() }))).status,
    ).toBe(303);
    expect((await visitor().post(`/events/${event.slug}`, { name: "Someone", email: spell("c") })).status).toBe(200);
    const applied = await visitor().post("/coalition/apply", {
      kind: "organisation",
      name: "Digital Rights Collective",
      sector: "civil_society",
      jurisdiction: "BR",
      website: "https://rights.example.org",
      contactName: "Ana Souza",
      contactEmail: spell("d"),
      motivation: "We train journalists to use end-to-end encrypted messaging.",
      consentPublic: "on",
      publicProfile: "A group that defends private messaging.",
    });
    expect(applied.status).toBe(200);
    expect((await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: spell("e") }))).status).toBe(303);
    const five = await mailsToAnySpelling(address);
    expect(five.map((m) => m.template)).toEqual([
      "signature-confirm",
      "signature-confirm",
      "rsvp-confirm",
      "application-confirm",
      "campaign-confirm",
    ]);

    // The sixth: the usual answer, and nothing written or queued.
    const letterAnswer = await visitor().post(`/letters/${l3.slug}/sign`, signForm({ email: spell("f") }));
    expect(letterAnswer.status).toBe(303);
    expect(letterAnswer.headers.get("location")).toContain(l3.slug);
    expect(await signaturesTo(l3.id)).toEqual([]);
    const rsvp = await visitor().post(`/events/${event.slug}`, { name: "Someone Else", email: spell("g") });
    expect(rsvp.status).toBe(200);
    expect(await rsvp.text()).toContain("Check your e-mail");
    const campaignAnswer = await visitor().post(
      `/campaigns/${campaign.slug}`,
      senderForm({ email: spell("h"), name: "Yet Another" }),
    );
    expect(campaignAnswer.status).toBe(303);
    expect(await mailsToAnySpelling(address)).toHaveLength(5);
    const senders = await db
      .selectFrom("campaign_senders")
      .select("name")
      .where("campaign_id", "=", campaign.id)
      .execute();
    expect(senders.map((s) => s.name)).toEqual(["Ana Souza"]);

    // Another address is not affected.
    const other = uniqueEmail("other");
    await visitor().post(`/letters/${l3.slug}/sign`, signForm({ email: other }));
    expect(await mailsTo(other)).toHaveLength(1);

    // An hour later five more may go; after ten in a day, none until the day has passed.
    await age(
      five.map((m) => m.id),
      HOUR + 60_000,
    );
    for (let i = 0; i < 5; i++) {
      const letter = await createOpenLetter();
      await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: spell(`day${i}`) }));
    }
    const ten = await mailsToAnySpelling(address);
    expect(ten).toHaveLength(10);
    await age(
      ten.slice(5).map((m) => m.id),
      HOUR + 60_000,
    );
    const late = await createOpenLetter();
    await visitor().post(`/letters/${late.slug}/sign`, signForm({ email: spell("late") }));
    expect(await mailsToAnySpelling(address)).toHaveLength(10);
    expect(await signaturesTo(late.id)).toEqual([]);
    expect(UNSOLICITED_MAIL_CAPS).toEqual({ perHour: 5, perDay: 10 });
  });

  it("repeated signing of a pending signature is capped too", async () => {
    const letter = await createOpenLetter();
    const address = uniqueEmail("repeat");
    for (let i = 0; i < 8; i++) {
      expect((await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: address }))).status).toBe(303);
    }
    expect(await mailsTo(address)).toHaveLength(5);
    expect(await signaturesTo(letter.id)).toHaveLength(1);
  });

  it("invitations to one address are capped: the sixth is refused and nothing is written", async () => {
    const address = uniqueEmail("invitee");
    const chapter = await db.selectFrom("chapters").select("id").orderBy("id").executeTakeFirstOrThrow();
    const invite = () =>
      staff.post("/staff/invitations", {
        intent: "invite",
        email: address,
        name: "Invitee",
        role: "chapter_member",
        chapterId: String(chapter.id),
        locale: "en",
      });
    for (let i = 0; i < 5; i++) expect((await invite()).status).toBe(200);
    const invitations = async () =>
      db.selectFrom("invitations").selectAll().where("email", "=", address).orderBy("id").execute();
    const before = await invitations();
    expect(before).toHaveLength(5);
    const sixth = await invite();
    expect(sixth.status).toBe(400);
    expect(await sixth.text()).toContain("too many mails");
    expect(await invitations()).toEqual(before);
    expect(await mailsTo(address)).toHaveLength(5);
  });

  it("password resets for one address are capped", async () => {
    // The form's own rate limit stops a burst first; the cap holds behind it, whoever calls.
    for (let i = 0; i < 7; i++) await requestPasswordReset(DEMO.chapter_member);
    // The reset mail is queued just after the answer (the same time for known and unknown addresses).
    await settleBackgroundTasks();
    expect((await mailsTo(DEMO.chapter_member)).filter((m) => m.template === "password-reset")).toHaveLength(5);
  });
});

describe("names typed by people, in mails to addresses they may not own", () => {
  it("are short, plain text, and link nowhere", async () => {
    const letter = await createOpenLetter();
    const address = uniqueEmail("named");
    const name = `Win a prize at evil.example.com/claim or http://phish.example ${"x".repeat(50)}`;
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: address, name }));
    const [mail] = await mailsTo(address);
    for (const part of [mail.text, mail.html]) {
      expect(part).not.toContain("evil.example.com");
      expect(part).not.toContain("phish.example");
      expect(part).not.toContain("http://phish");
    }
    expect(mail.text).toContain("evil\u2024example\u2024com/claim");
    expect(mail.text).not.toContain("x".repeat(50));
    expect(mail.text).toContain("\u2026");
    // The row keeps the name as typed.
    expect((await signaturesTo(letter.id))[0].name).toBe(name);

    const application = uniqueEmail("org");
    await visitor().post("/coalition/apply", {
      kind: "organisation",
      name: "Free prizes at www.prizes.example",
      sector: "civil_society",
      jurisdiction: "BR",
      website: "https://rights.example.org",
      contactName: "Click evil.example.net",
      contactEmail: application,
      motivation: "We train journalists to use end-to-end encrypted messaging.",
      consentPublic: "on",
      publicProfile: "A group that defends private messaging.",
    });
    const [confirm] = await mailsTo(application);
    expect(confirm.template).toBe("application-confirm");
    for (const part of [confirm.subject, confirm.text, confirm.html]) {
      expect(part).not.toContain("www.prizes.example");
      expect(part).not.toContain("evil.example.net");
    }
    expect(confirm.subject).toContain("www\u2024prizes\u2024example");
  });
});
