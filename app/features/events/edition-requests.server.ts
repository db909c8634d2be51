/**
 * When no coming edition is open, people who may submit events ask staff to open one: each active
 * staff member and admin gets a mail through the outbox, and the request is in the audit log. At
 * most one request per person per UTC day; a repeat that day answers "already asked" and sends nothing.
 */
import { loadConfig } from "~/config.server";
import { STAFF_ROLES } from "~/features/auth/guards.server";
import { queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import { nextEdition } from "~/features/events/edition-days";
import { listEditions } from "~/features/events/editions.server";
import type { EditionRequestInput } from "~/features/events/forms";
import { organiserFor } from "~/features/events/organiser.server";
import { db } from "~db/connection";
import type { User } from "~db/schema";

export const EDITION_REQUEST_ACTION = "event_edition.request";

export type EditionRequestStatus = "sent" | "already" | "open";

function startOfUtcDay(now: Date): string {
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** Whether this person already asked today (UTC). */
export async function requestedEditionToday(user: Pick<User, "id">, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom("audit_log")
    .select("id")
    .where("action", "=", EDITION_REQUEST_ACTION)
    .where("actor_user_id", "=", user.id)
    .where("created_at", ">=", startOfUtcDay(now))
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the request and mails staff; "open" when an edition is open after all (nothing sent). */
export async function requestEdition(
  user: User,
  input: EditionRequestInput,
  now = new Date(),
): Promise<EditionRequestStatus> {
  if (nextEdition(await listEditions(), now)) return "open";
  const organiser = await organiserFor(user);
  const day = now.toISOString().slice(0, 10);
  const note = input.note ? input.note : null;
  const editionsUrl = `${loadConfig().appUrl}/staff/events`;
  return db.transaction().execute(async (trx): Promise<EditionRequestStatus> => {
    const earlier = await trx
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", EDITION_REQUEST_ACTION)
      .where("actor_user_id", "=", user.id)
      .where("created_at", ">=", startOfUtcDay(now))
      .executeTakeFirst();
    if (earlier) return "already";
    const staff = await trx
      .selectFrom("users")
      .select(["id", "name", "email", "locale"])
      .where("role", "in", STAFF_ROLES)
      .where("status", "=", "active")
      .orderBy("id")
      .execute();
    for (const person of staff) {
      await queueEmail(trx, {
        template: "edition-request",
        to: person.email,
        locale: person.locale,
        props: { name: person.name, requester: user.name, organiser: organiser.name ?? user.name, note, editionsUrl },
        // One per person asking, per staff member, per day, however often the form is sent.
        idempotencyKey: `edition-request:${user.id}:${person.id}:${day}`,
      });
    }
    await recordAudit(trx, {
      actorUserId: user.id,
      action: EDITION_REQUEST_ACTION,
      entityType: "user",
      entityId: user.id,
      after: { note, organiser: organiser.name, staff_mailed: staff.length },
    });
    return "sent";
  });
}
