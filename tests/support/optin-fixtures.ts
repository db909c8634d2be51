/**
 * Rows the double opt-in tests need, straight in the database: an open letter, an approved
 * event, a lawmaker and an open campaign by explicit list. Plus the outbox as a mailbox.
 */
import crypto from "node:crypto";
import { db } from "../../db/connection";

const now = () => new Date().toISOString();
const suffix = () => crypto.randomBytes(4).toString("hex");

export const uniqueEmail = (prefix: string) => `${prefix}.${suffix()}@example.org`;

/** An open letter (or a draft) with one English text, straight in the database. */
export async function createOpenLetter(
  options: { status?: "open" | "draft"; slugPrefix?: string; title?: string } = {},
): Promise<{ id: number; slug: string }> {
  const stamp = now();
  const slug = `${options.slugPrefix ?? "optin-letter"}-${suffix()}`;
  const row = await db
    .insertInto("open_letters")
    .values({
      slug,
      status: options.status ?? "open",
      opens_on: null,
      closes_on: null,
      signature_goal: 1000,
      current_version: 1,
      confirmed_count: 0,
      delivered_on: null,
      delivered_to: null,
      created_by: null,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("open_letter_texts")
    .values({
      letter_id: row.id,
      version: 1,
      language: "en",
      title: options.title ?? "Keep encryption strong",
      body: "We, the undersigned, ask lawmakers to keep end-to-end encryption.",
      created_at: stamp,
      updated_at: stamp,
    })
    .execute();
  return { id: row.id, slug };
}

export const letterCount = async (letterId: number) =>
  (await db.selectFrom("open_letters").select("confirmed_count").where("id", "=", letterId).executeTakeFirstOrThrow())
    .confirmed_count;

export function signForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "individual",
    name: "Ana Souza",
    affiliation: "",
    jurisdiction: "BR",
    email: uniqueEmail("ana"),
    showPublicly: "on",
    ...overrides,
  };
}

export async function createApprovedEvent(): Promise<{ id: number; slug: string }> {
  const stamp = now();
  const year = 2040 + Math.floor(Math.random() * 50);
  const edition =
    (await db.selectFrom("event_editions").select("id").where("year", "=", year).executeTakeFirst()) ??
    (await db
      .insertInto("event_editions")
      .values({ year, day: `${year}-10-21`, theme: null, created_at: stamp, updated_at: stamp })
      .returning("id")
      .executeTakeFirstOrThrow());
  const slug = `optin-event-${suffix()}`;
  const row = await db
    .insertInto("events")
    .values({
      edition_id: edition.id,
      slug,
      title: "Encryption 101",
      kind: "training",
      chapter_id: null,
      coalition_member_id: null,
      organiser_name: "Staff",
      submitted_by: null,
      jurisdiction_code: "KE",
      city: "Nairobi",
      online: 0,
      starts_local: `${year}-10-21T18:00`,
      ends_local: `${year}-10-21T20:00`,
      timezone: "Africa/Nairobi",
      starts_at: `${year}-10-21T15:00:00.000Z`,
      ends_at: `${year}-10-21T17:00:00.000Z`,
      description: "Bring your phone.",
      registration_url: null,
      expected_reach: null,
      status: "approved",
      review_comment: null,
      reviewed_by: null,
      reviewed_at: stamp,
      attendance: null,
      online_views: null,
      media_reach: null,
      reported_at: null,
      rsvp_count: 0,
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, slug };
}

export const rsvpCount = async (eventId: number) =>
  (await db.selectFrom("events").select("rsvp_count").where("id", "=", eventId).executeTakeFirstOrThrow()).rsvp_count;

export async function insertLawmaker(name: string, email: string | null): Promise<number> {
  const stamp = now();
  const row = await db
    .insertInto("lawmakers")
    .values({
      name,
      title: "Senator",
      body: "Test Senate",
      jurisdiction_code: "US",
      constituency: "ZZ",
      party: null,
      email,
      email_normalised: email ? email.toLowerCase() : null,
      contact_url: email ? null : "https://senate.example/contact",
      source_url: null,
      verified_on: null,
      match_key: `optin|${name}|${suffix()}`,
      search_text: name.toLowerCase(),
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export { createListCampaign } from "./campaign-factory";

export function senderForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "send",
    name: "Ana Souza",
    email: uniqueEmail("ana"),
    locality: "Seattle",
    personalNote: "As a nurse, I rely on encrypted messages.",
    ...overrides,
  };
}

/** Every mail to this exact address, oldest first. */
export const mailsTo = (address: string) =>
  db.selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();

/** The token of the first link to `path` (e.g. "/letters/confirm") in a mail's text. */
export function linkToken(text: string, path: string): string {
  const escaped = path.replace(/[/.]/g, (c) => `\\${c}`);
  const match = new RegExp(`${escaped}\\?token=([a-z0-9]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in the message`);
  return match[1];
}
