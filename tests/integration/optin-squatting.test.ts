/**
 * Nobody can squat someone else's address in a double opt-in flow: an unconfirmed entry typed with
 * another person's address never stands in the way of that person. A later letter campaign send,
 * signature or RSVP from the same (normalised) address replaces the unconfirmed one, with its new
 * link and the new name; the earlier link stops working. Unconfirmed letters also expire: the link
 * says so after SENDER_CONFIRM_DAYS, and the hourly job removes them. Confirmed entries stay
 * deduplicated as before, and the counts stay equal to the confirmed rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scrubLettersTick } from "~/features/campaigns/scrub.server";
import { db } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import {
  createApprovedEvent,
  createListCampaign,
  createOpenLetter,
  insertLawmaker,
  letterCount,
  linkToken,
  mailsTo,
  rsvpCount,
  senderForm,
  signForm,
  uniqueEmail,
} from "../support/optin-fixtures";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let nextIp = 1;
const visitor = () => {
  const n = nextIp++;
  return new Client(server.url, `10.93.${Math.floor(n / 250)}.${(n % 250) + 1}`);
};

const DAY = 24 * 60 * 60_000;

async function campaignWithTwoLawmakers() {
  const a = await insertLawmaker("Senator Alpha", uniqueEmail("alpha"));
  const b = await insertLawmaker("Senator Beta", uniqueEmail("beta"));
  return createListCampaign([a, b]);
}

const sendersOf = (campaignId: number) =>
  db.selectFrom("campaign_senders").selectAll().where("campaign_id", "=", campaignId).orderBy("id").execute();
const lettersOf = (campaignId: number) =>
  db.selectFrom("campaign_letters").selectAll().where("campaign_id", "=", campaignId).orderBy("id").execute();

describe("letters to lawmakers", () => {
  it("a later send from the same address replaces the unconfirmed letters; the newest link wins", async () => {
    const campaign = await campaignWithTwoLawmakers();
    const owner = uniqueEmail("owner");

    // Someone types the owner's address with their own name.
    const squat = await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: owner, name: "Mallory" }));
    expect(squat.status).toBe(303);
    const [squatMail] = await mailsTo(owner);
    const squatToken = linkToken(squatMail.text, "/campaigns/confirm");

    // The owner writes, spelling the address differently.
    const variant = owner.replace("@", "+mine@").toUpperCase();
    const own = await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: variant, name: "Olivia" }));
    expect(own.status).toBe(303);
    expect(own.headers.get("location")).toBe(squat.headers.get("location"));
    const [ownMail] = await mailsTo(variant);
    expect(ownMail?.template).toBe("campaign-confirm");
    expect(ownMail.text).toContain("Olivia");

    // One sender and one letter per lawmaker remain: the owner's.
    const senders = await sendersOf(campaign.id);
    expect(senders.map((s) => [s.name, s.status])).toEqual([["Olivia", "pending_confirmation"]]);
    const letters = await lettersOf(campaign.id);
    expect(letters).toHaveLength(2);
    expect(letters.every((l) => l.sender_id === senders[0].id && l.body?.includes("Olivia"))).toBe(true);
    // The squatter's confirmation mail keeps neither the address nor its text.
    const emptied = await db.selectFrom("outbox").selectAll().where("id", "=", squatMail.id).executeTakeFirst();
    if (emptied) expect(emptied).toMatchObject({ to_address: "", text: "", html: "" });

    // The earlier link no longer works; the newest one confirms and queues both letters.
    expect((await visitor().post("/campaigns/confirm", { token: squatToken })).status).toBe(400);
    const confirmed = await visitor().post("/campaigns/confirm", {
      token: linkToken(ownMail.text, "/campaigns/confirm"),
    });
    expect(confirmed.status).toBe(200);
    expect((await lettersOf(campaign.id)).map((l) => l.status)).toEqual(["queued", "queued"]);
    // The squatter's mail had not left yet: it never will.
    expect(await mailsTo(owner)).toEqual([]);

    // Confirmed letters stay deduplicated: a repeat gets the same answer and writes nothing.
    const before = await lettersOf(campaign.id);
    const repeat = await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: owner, name: "Mallory" }));
    expect(repeat.status).toBe(303);
    expect(repeat.headers.get("location")).toBe(squat.headers.get("location"));
    expect(await lettersOf(campaign.id)).toEqual(before);
    expect((await sendersOf(campaign.id)).map((s) => s.name)).toEqual(["Olivia"]);
    expect(await mailsTo(owner)).toEqual([]);
  });

  it("an unconfirmed send expires: its link says so, and the hourly job removes it", async () => {
    const campaign = await campaignWithTwoLawmakers();
    const stale = uniqueEmail("stale");
    const kept = uniqueEmail("kept");
    await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: stale, name: "Stale Sender" }));
    await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: kept, name: "Recent Sender" }));
    const [staleMail] = await mailsTo(stale);
    const staleToken = linkToken(staleMail.text, "/campaigns/confirm");
    // Written eight days ago.
    const eightDaysAgo = new Date(Date.now() - 8 * DAY).toISOString();
    await db.updateTable("campaign_senders").set({ created_at: eightDaysAgo }).where("email", "=", stale).execute();

    const page = await visitor().get(`/campaigns/confirm?token=${staleToken}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("This link has expired");
    expect(html).not.toContain(`value="${staleToken}"`);
    const refused = await visitor().post("/campaigns/confirm", { token: staleToken });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("This link has expired");
    expect((await lettersOf(campaign.id)).filter((l) => l.status !== "pending_confirmation")).toEqual([]);

    await scrubLettersTick();
    const senders = await sendersOf(campaign.id);
    expect(senders.map((s) => s.name)).toEqual(["Recent Sender"]);
    const letters = await lettersOf(campaign.id);
    expect(letters).toHaveLength(2);
    expect(letters.every((l) => l.sender_id === senders[0].id)).toBe(true);
    const dashboard = await db
      .selectFrom("campaign_letters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("campaign_id", "=", campaign.id)
      .where("status", "=", "pending_confirmation")
      .executeTakeFirstOrThrow();
    expect(Number(dashboard.n)).toBe(2);

    // The address can write again at once.
    expect(
      (await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email: stale, name: "Back Again" }))).status,
    ).toBe(303);
    const again = (await mailsTo(stale)).at(-1)!;
    expect(again.text).toContain("Back Again");
    expect(
      (await visitor().post("/campaigns/confirm", { token: linkToken(again.text, "/campaigns/confirm") })).status,
    ).toBe(200);
  });
});

describe("open-letter signatures", () => {
  it("a pending signature is replaced by the owner's: new name, new link, the old one dead, counted once", async () => {
    const letter = await createOpenLetter();
    const owner = uniqueEmail("signer");
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: owner, name: "Mallory Squatter" }));
    const [squatMail] = await mailsTo(owner);
    const squatToken = linkToken(squatMail.text, "/letters/confirm");

    const variant = owner.replace("@", "+again@");
    const own = await visitor().post(
      `/letters/${letter.slug}/sign`,
      signForm({ email: variant, name: "Victor Owner", jurisdiction: "FR", showPublicly: "" }),
    );
    expect(own.status).toBe(303);
    const [ownMail] = await mailsTo(variant);
    expect(ownMail?.template).toBe("signature-confirm");
    expect(ownMail.text).toContain("Victor Owner");
    expect(ownMail.text).not.toContain("Mallory");

    const rows = await db.selectFrom("signatures").selectAll().where("letter_id", "=", letter.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: "Victor Owner",
      email: variant,
      jurisdiction_code: "FR",
      show_publicly: 0,
      status: "pending",
    });

    expect((await visitor().post("/letters/confirm", { token: squatToken })).status).toBe(400);
    expect(await letterCount(letter.id)).toBe(0);
    expect(
      (await visitor().post("/letters/confirm", { token: linkToken(ownMail.text, "/letters/confirm") })).status,
    ).toBe(200);
    expect(await letterCount(letter.id)).toBe(1);

    // Confirmed: a repeat changes nothing and gets a reminder, as before.
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: owner, name: "Mallory Again" }));
    const [after] = await db.selectFrom("signatures").selectAll().where("letter_id", "=", letter.id).execute();
    expect(after).toMatchObject({ name: "Victor Owner", status: "confirmed" });
    expect((await mailsTo(variant)).map((m) => m.template)).toEqual(["signature-confirm", "signature-reminder"]);
    expect(await letterCount(letter.id)).toBe(1);
  });
});

describe("event RSVPs", () => {
  it("a pending reply is replaced by the owner's; a confirmed one stays as it is", async () => {
    const event = await createApprovedEvent();
    const owner = uniqueEmail("guest");
    await visitor().post(`/events/${event.slug}`, { name: "Mallory Squatter", email: owner, shareWithOrganiser: "on" });
    const [squatMail] = await mailsTo(owner);
    const squatToken = linkToken(squatMail.text, "/events/rsvp/confirm");

    const variant = owner.toUpperCase();
    const own = await visitor().post(`/events/${event.slug}`, { name: "Grace Guest", email: variant });
    expect(own.status).toBe(200);
    const [ownMail] = await mailsTo(variant);
    expect(ownMail?.template).toBe("rsvp-confirm");
    expect(ownMail.text).toContain("Grace Guest");

    const rows = await db.selectFrom("event_rsvps").selectAll().where("event_id", "=", event.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Grace Guest", email: variant, share_with_organiser: 0, status: "pending" });

    expect((await visitor().post("/events/rsvp/confirm", { token: squatToken })).status).toBe(400);
    expect(
      (await visitor().post("/events/rsvp/confirm", { token: linkToken(ownMail.text, "/events/rsvp/confirm") })).status,
    ).toBe(200);
    expect(await rsvpCount(event.id)).toBe(1);

    await visitor().post(`/events/${event.slug}`, { name: "Mallory Again", email: owner });
    const [after] = await db.selectFrom("event_rsvps").selectAll().where("event_id", "=", event.id).execute();
    expect(after).toMatchObject({ name: "Grace Guest", status: "confirmed" });
    expect(await mailsTo(owner)).toHaveLength(1);
    expect(await rsvpCount(event.id)).toBe(1);
  });
});
