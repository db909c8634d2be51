/**
 * RSVPs: double opt-in like signatures. A reply is pending until the person confirms through the
 * mailed link, whose page POSTs; only then does it count, and `rsvp_count` changes in the same
 * transaction. One reply per person per event (normalised e-mail); a repeat gets the same answer,
 * and replaces the reply while it is still pending.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { normaliseEmail } from "~/lib/email-address";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";
import { mayMailUnsolicited, queueEmail } from "~/features/email/outbox.server";
import type { RsvpInput } from "~/features/events/forms";
import { describeWhen } from "~/features/events/time.server";
import { enqueueRsvpConfirmed } from "~/features/webhooks/events.server";
import { isEditionPast } from "~/features/events/edition-days";
import { textFor } from "~/features/translations/localise.server";
import type { Nothing, Result } from "~/lib/result";

function tokenHash(token: string): string | null {
  return /^[a-z0-9]{16,64}$/.test(token) ? sha256Hex(token) : null;
}

export type RsvpResult = Result<Nothing, { reason: "closed" }>;

interface RsvpEvent {
  id: number;
  title: string;
  status: string;
  starts_at: string;
  ends_at: string;
  timezone: string;
  /** The edition's day (`YYYY-MM-DD`): once it is over, the edition's events take no more replies. */
  edition_day: string;
}

/** Replies are open while an approved event has not ended and its edition's day is not over. */
export function acceptsRsvps(event: Pick<RsvpEvent, "status" | "ends_at" | "edition_day">, now = new Date()): boolean {
  return (
    event.status === "approved" && event.ends_at > now.toISOString() && !isEditionPast({ day: event.edition_day }, now)
  );
}

function whenText(event: RsvpEvent, locale: string): string {
  const when = describeWhen(event, locale);
  return `${when.date}, ${when.time} (${when.zoneName})`;
}

export async function submitRsvp(
  event: RsvpEvent,
  input: RsvpInput,
  locale: string,
  now = new Date(),
): Promise<RsvpResult> {
  if (!acceptsRsvps(event, now)) return { ok: false, reason: "closed" };
  const stamp = now.toISOString();
  const email = input.email.trim();
  const normalised = normaliseEmail(email);
  const token = randomToken();
  const confirmUrl = `${loadConfig().appUrl}/events/rsvp/confirm?token=${token}`;
  const hash = sha256Hex(token);
  // The mail names the event as the person reads it: in their language's version when there is one.
  const eventTitle = await textFor("event", event.id, "title", locale, event.title);
  return db.transaction().execute(async (trx): Promise<RsvpResult> => {
    // Over the address's caps on unsolicited mail: the same answer, nothing written or mailed.
    if (!(await mayMailUnsolicited(trx, email, now))) return { ok: true };
    const inserted = await trx
      .insertInto("event_rsvps")
      .values({
        event_id: event.id,
        name: input.name,
        email,
        email_normalised: normalised,
        share_with_organiser: input.shareWithOrganiser ? 1 : 0,
        locale,
        status: "pending",
        confirm_token_hash: hash,
        confirmed_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.columns(["event_id", "email_normalised"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    let rsvpId = inserted?.id;
    if (!inserted) {
      // A repeat. A confirmed reply stays as it is. A pending one was perhaps typed by someone
      // else with this address: it must not stand in the owner's way, so the new reply replaces
      // it (name, address, choice, a new link; the earlier link stops working).
      const replaced = await trx
        .updateTable("event_rsvps")
        .set({
          name: input.name,
          email,
          share_with_organiser: input.shareWithOrganiser ? 1 : 0,
          locale,
          confirm_token_hash: hash,
          created_at: stamp,
          updated_at: stamp,
        })
        .where("event_id", "=", event.id)
        .where("email_normalised", "=", normalised)
        .where("status", "=", "pending")
        .returning("id")
        .executeTakeFirst();
      if (!replaced) return { ok: true };
      rsvpId = replaced.id;
    }
    await queueEmail(trx, {
      template: "rsvp-confirm",
      to: email,
      locale,
      props: { name: input.name, eventTitle, when: whenText(event, locale), confirmUrl },
      idempotencyKey: `rsvp-confirm:${rsvpId}:${hash.slice(0, 16)}`,
      unsolicited: true,
    });
    return { ok: true };
  });
}

export interface RsvpTokenLookup {
  eventSlug: string;
  eventTitle: string;
  name: string;
}

/** Read-only: whether a mailed link is still good, for the page its GET opens. */
export async function checkRsvpToken(token: string): Promise<RsvpTokenLookup | null> {
  const hash = tokenHash(token);
  if (!hash) return null;
  const row = await db
    .selectFrom("event_rsvps")
    .innerJoin("events", "events.id", "event_rsvps.event_id")
    .select(["events.slug", "events.title", "event_rsvps.name"])
    .where("event_rsvps.confirm_token_hash", "=", hash)
    .where("event_rsvps.status", "=", "pending")
    .executeTakeFirst();
  return row ? { eventSlug: row.slug, eventTitle: row.title, name: row.name } : null;
}

export type ConfirmResult = Result<{ eventSlug: string }, { reason: "invalid" | "closed" }>;

/** pending → confirmed, the event's count + 1, the token spent: one transaction. */
export async function confirmRsvp(token: string, now = new Date()): Promise<ConfirmResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<ConfirmResult> => {
    const row = await trx
      .selectFrom("event_rsvps")
      .innerJoin("events", "events.id", "event_rsvps.event_id")
      .innerJoin("event_editions", "event_editions.id", "events.edition_id")
      .select([
        "event_rsvps.id",
        "event_rsvps.event_id",
        "events.slug",
        "events.status",
        "events.ends_at",
        "event_editions.day as edition_day",
      ])
      .where("event_rsvps.confirm_token_hash", "=", hash)
      .where("event_rsvps.status", "=", "pending")
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" };
    if (!acceptsRsvps(row, now)) return { ok: false, reason: "closed" };
    const updated = await trx
      .updateTable("event_rsvps")
      .set({ status: "confirmed", confirmed_at: stamp, confirm_token_hash: null, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" };
    await trx
      .updateTable("events")
      .set({ rsvp_count: sql<number>`rsvp_count + 1`, updated_at: stamp })
      .where("id", "=", row.event_id)
      .execute();
    await enqueueRsvpConfirmed(trx, row.id, stamp);
    return { ok: true, eventSlug: row.slug };
  });
}

/** For the organiser: confirmed replies of people who agreed to share their name and address. */
export function listSharedRsvps(eventId: number) {
  return db
    .selectFrom("event_rsvps")
    .select(["name", "email", "confirmed_at"])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .where("share_with_organiser", "=", 1)
    .orderBy("confirmed_at", "asc")
    .limit(5000)
    .execute();
}
