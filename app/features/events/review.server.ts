/** Staff review of submitted events: approve, or send back with a comment (the submitter is mailed). */
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { loadConfig } from "~/config.server";
import type { FieldErrors } from "~/lib/field-errors";
import { queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import type { ReviewInput } from "~/features/events/forms";
import { toWaiting, type Waiting } from "~/lib/waiting";

/** The review queue: events waiting for staff, oldest first; and those sent back, newest first. */
/** The review queue for the staff inbox: submitted events, the oldest by when it was (re)submitted. */
export async function eventsWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("events")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("updated_at").as("oldest")])
    .where("status", "=", "submitted")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function listReviewQueue() {
  const base = db
    .selectFrom("events")
    .innerJoin("event_editions", "event_editions.id", "events.edition_id")
    .leftJoin("users", "users.id", "events.submitted_by")
    .select([
      "events.id",
      "events.slug",
      "events.title",
      "events.kind",
      "events.organiser_name",
      "events.jurisdiction_code",
      "events.city",
      "events.online",
      "events.starts_local",
      "events.timezone",
      "events.description",
      "events.registration_url",
      "events.expected_reach",
      "events.review_comment",
      "events.updated_at",
      "event_editions.year as edition_year",
      "users.name as submitter_name",
    ]);
  const [submitted, sentBack] = await Promise.all([
    base.where("events.status", "=", "submitted").orderBy("events.updated_at", "asc").limit(200).execute(),
    base.where("events.status", "=", "changes_requested").orderBy("events.updated_at", "desc").limit(50).execute(),
  ]);
  return { submitted, sentBack };
}

/** submitted → approved | changes_requested, audited; sending back mails the submitter. */
export async function reviewEvent(staff: User, input: ReviewInput, now = new Date()): Promise<FieldErrors | null> {
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<FieldErrors | null> => {
    const event = await trx
      .selectFrom("events")
      .leftJoin("users", "users.id", "events.submitted_by")
      .select([
        "events.id",
        "events.slug",
        "events.title",
        "events.status",
        "users.email as submitter_email",
        "users.name as submitter_name",
        "users.locale as submitter_locale",
      ])
      .where("events.id", "=", input.eventId)
      .executeTakeFirst();
    if (!event || event.status !== "submitted") return { "": ["events:errors.notSubmitted"] };
    const status = input.intent === "approve" ? "approved" : "changes_requested";
    const comment = input.intent === "sendBack" ? input.comment : null;
    await trx
      .updateTable("events")
      .set({ status, review_comment: comment, reviewed_by: staff.id, reviewed_at: stamp, updated_at: stamp })
      .where("id", "=", event.id)
      .where("status", "=", "submitted")
      .execute();
    await recordAudit(trx, {
      actorUserId: staff.id,
      action: input.intent === "approve" ? "event.approve" : "event.send_back",
      entityType: "event",
      entityId: event.id,
      before: { status: event.status },
      after: { status, comment },
    });
    if (input.intent === "sendBack" && event.submitter_email) {
      await queueEmail(trx, {
        template: "event-reviewed",
        to: event.submitter_email,
        locale: event.submitter_locale ?? "en",
        props: {
          name: event.submitter_name ?? "",
          eventTitle: event.title,
          comment: input.comment,
          editUrl: `${loadConfig().appUrl}/events/${event.slug}/edit`,
        },
        idempotencyKey: `event-reviewed:${event.id}:${stamp}`,
      });
    }
    return null;
  });
}
