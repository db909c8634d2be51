import { db } from "~db/connection";
import { QUEUE_PER_PAGE } from "~/features/actions/constants";
import type { User } from "~db/schema";
import { loadConfig } from "~/config.server";
import type { FieldErrors } from "~/lib/field-errors";
import { queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import { yearRange } from "~/features/chapters/chapters.server";
import type { ReviewFilters } from "~/features/actions/forms";
import { toWaiting, type Waiting } from "~/lib/waiting";

/** Staff queue: pending by default, or any state with the filters; oldest first so nothing waits forever. */
/** The review queue for the staff inbox: pending actions, the oldest by when it was (re)submitted. */
export async function actionsWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("advocacy_actions")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("updated_at").as("oldest")])
    .where("review_status", "=", "pending")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function listReviewQueue(filters: ReviewFilters, page: number) {
  const status = filters.status ?? "pending";
  let query = db
    .selectFrom("advocacy_actions")
    .leftJoin("chapters", "chapters.id", "advocacy_actions.chapter_id")
    .leftJoin("coalition_members", "coalition_members.id", "advocacy_actions.coalition_member_id")
    .leftJoin("threats", "threats.id", "advocacy_actions.threat_id")
    .leftJoin("users", "users.id", "advocacy_actions.logged_by")
    .where("advocacy_actions.review_status", "=", status);
  if (filters.kind) query = query.where("advocacy_actions.kind", "=", filters.kind);
  if (filters.chapter) query = query.where("advocacy_actions.chapter_id", "=", filters.chapter);
  if (filters.year) {
    const [from, to] = yearRange(filters.year);
    query = query.where("advocacy_actions.occurred_on", ">=", from).where("advocacy_actions.occurred_on", "<", to);
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        "advocacy_actions.id",
        "advocacy_actions.kind",
        "advocacy_actions.occurred_on",
        "advocacy_actions.description",
        "advocacy_actions.policymakers",
        "advocacy_actions.outcome",
        "advocacy_actions.evidence_url",
        "advocacy_actions.review_status",
        "advocacy_actions.review_comment",
        "advocacy_actions.updated_at",
        "chapters.name as chapter_name",
        "coalition_members.name as organisation_name",
        "threats.slug as threat_slug",
        "threats.title as threat_title",
        "users.name as logger_name",
      ])
      .orderBy(
        status === "pending" ? "advocacy_actions.updated_at" : "advocacy_actions.occurred_on",
        status === "pending" ? "asc" : "desc",
      )
      .orderBy("advocacy_actions.id")
      .limit(QUEUE_PER_PAGE)
      .offset((page - 1) * QUEUE_PER_PAGE)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), status };
}

/**
 * Accept, or ask for changes with a comment (the logger is mailed, in the same transaction).
 * Only a pending action can be reviewed: an edit or a withdrawal in between wins.
 */
export async function reviewAction(
  actor: User,
  input: { actionId: number; decision: "accepted" | "needs_changes"; comment?: string },
): Promise<FieldErrors | null> {
  const action = await db
    .selectFrom("advocacy_actions")
    .leftJoin("users", "users.id", "advocacy_actions.logged_by")
    .select([
      "advocacy_actions.id",
      "advocacy_actions.kind",
      "advocacy_actions.occurred_on",
      "advocacy_actions.description",
      "advocacy_actions.review_status",
      "advocacy_actions.updated_at",
      "users.email as logger_email",
      "users.name as logger_name",
      "users.locale as logger_locale",
      "users.status as logger_status",
    ])
    .where("advocacy_actions.id", "=", input.actionId)
    .executeTakeFirst();
  if (!action || action.review_status !== "pending") return { decision: ["actions:validation.notPending"] };
  const now = new Date().toISOString();
  const comment = input.comment || null;
  const done = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("advocacy_actions")
      .set({
        review_status: input.decision,
        review_comment: comment,
        reviewed_by: actor.id,
        reviewed_at: now,
        updated_at: now,
      })
      .where("id", "=", action.id)
      .where("review_status", "=", "pending")
      .where("updated_at", "=", action.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `advocacy_action.${input.decision}`,
      entityType: "advocacy_action",
      entityId: action.id,
      before: { review_status: "pending" },
      after: { review_status: input.decision, review_comment: comment },
    });
    if (input.decision === "needs_changes" && action.logger_email && action.logger_status === "active") {
      await queueEmail(trx, {
        template: "action-reviewed",
        to: action.logger_email,
        locale: action.logger_locale ?? "en",
        props: {
          name: action.logger_name ?? "",
          occurredOn: action.occurred_on,
          description: action.description.length > 200 ? `${action.description.slice(0, 199)}…` : action.description,
          comment: comment ?? "",
          editUrl: `${loadConfig().appUrl}/actions/${action.id}/edit`,
        },
        idempotencyKey: `action-reviewed:${action.id}:${now}`,
      });
    }
    return true;
  });
  return done ? null : { decision: ["actions:validation.notPending"] };
}
