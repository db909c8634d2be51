/**
 * Coalition applications: a public form, a confirmation by e-mail (double opt-in), then a staff
 * queue where each application is approved (creates the member and invites its contact) or declined
 * with a reason. Every mail goes through the outbox in the same transaction as the change.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { loadConfig } from "~/config.server";
import { GMAIL_DOMAINS, normaliseEmail } from "~/lib/email-address";
import { likeContains } from "~/lib/like.server";
import type { FieldErrors } from "~/lib/field-errors";
import { createInvitation } from "~/features/auth/invitations.server";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";
import { mayMailUnsolicited, queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import type { ApplicationInput } from "~/features/coalition/forms";
import type { Sector } from "~/lib/vocabularies";
import { nameClashes } from "~/features/coalition/member-changes.server";
import { insertMember } from "~/features/coalition/members.server";
import type { Nothing, Result } from "~/lib/result";
import { toWaiting, type Waiting } from "~/lib/waiting";

export const CONFIRM_LIFETIME_DAYS = 7;
const DAY_MS = 86_400_000;

function domainsOf(address: string): string[] {
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return GMAIL_DOMAINS.includes(domain) ? GMAIL_DOMAINS : [domain];
}

/** An unconfirmed application older than this no longer counts (its link has expired). */
function confirmCutoff(now: Date): string {
  return new Date(now.getTime() - CONFIRM_LIFETIME_DAYS * DAY_MS).toISOString();
}

export type ApplyResult = Result<{ created: boolean }, { fieldErrors: FieldErrors }>;

/**
 * Records an unconfirmed application and queues the confirmation mail, in one transaction. While the
 * same contact (normalised e-mail) has an open application, a new one writes nothing: the answer is
 * the same, so the form never reveals who applied.
 */
export async function applyForMembership(
  input: ApplicationInput,
  locale: string,
  now = new Date(),
): Promise<ApplyResult> {
  const jurisdiction = await db
    .selectFrom("jurisdictions")
    .select("code")
    .where("code", "=", input.jurisdiction)
    .executeTakeFirst();
  if (!jurisdiction) return { ok: false, fieldErrors: { jurisdiction: ["validation.jurisdiction"] } };

  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const stamp = now.toISOString();
  const normalised = normaliseEmail(input.contactEmail);

  const created = await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom("coalition_applications")
      .select(["contact_email", "status", "created_at"])
      .where((eb) =>
        eb.or([
          eb("status", "=", "pending"),
          eb.and([eb("status", "=", "unconfirmed"), eb("created_at", ">", confirmCutoff(now))]),
        ]),
      )
      .where((eb) =>
        eb.or(domainsOf(input.contactEmail).map((d) => likeContains(sql.ref<string>("contact_email"), `@${d}`))),
      )
      .execute();
    if (open.some((row) => normaliseEmail(row.contact_email) === normalised)) return false;
    // Over the address's caps on unsolicited mail: the same answer, nothing written.
    if (!(await mayMailUnsolicited(trx, input.contactEmail, now))) return false;

    const row = await trx
      .insertInto("coalition_applications")
      .values({
        kind: input.kind,
        name: input.name,
        sector: input.sector,
        jurisdiction_code: input.jurisdiction,
        website: input.website ?? null,
        contact_name: input.contactName,
        contact_email: input.contactEmail,
        motivation: input.motivation,
        public_profile: input.publicProfile ?? null,
        consent_public: input.consentPublic ? 1 : 0,
        locale,
        status: "unconfirmed",
        confirm_token_hash: tokenHash,
        confirmed_at: null,
        reviewed_by: null,
        reviewed_at: null,
        decline_reason: null,
        member_id: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      template: "application-confirm",
      to: input.contactEmail,
      locale,
      props: {
        name: input.contactName,
        organisation: input.name,
        confirmUrl: `${loadConfig().appUrl}/coalition/apply/confirm?token=${token}`,
        expiresAt: new Date(now.getTime() + CONFIRM_LIFETIME_DAYS * DAY_MS).toISOString(),
      },
      idempotencyKey: `application-confirm:${row.id}`,
      unsolicited: true,
    });
    return true;
  });
  return { ok: true, created };
}

function validTokenShape(token: string): boolean {
  return /^[a-z0-9]{16,64}$/.test(token);
}

/** Whether a confirmation link is still good (read-only: GET requests and link scanners). */
export async function checkConfirmToken(token: string, now = new Date()): Promise<{ name: string } | null> {
  if (!validTokenShape(token)) return null;
  const row = await db
    .selectFrom("coalition_applications")
    .select(["name", "status", "created_at"])
    .where("confirm_token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.status !== "unconfirmed" || row.created_at <= confirmCutoff(now)) return null;
  return { name: row.name };
}

/** Moves the application to the staff queue. The link works once, for seven days. */
export async function confirmApplication(token: string, now = new Date()): Promise<boolean> {
  if (!validTokenShape(token)) return false;
  const stamp = now.toISOString();
  const result = await db
    .updateTable("coalition_applications")
    .set({ status: "pending", confirmed_at: stamp, updated_at: stamp })
    .where("confirm_token_hash", "=", sha256Hex(token))
    .where("status", "=", "unconfirmed")
    .where("created_at", ">", confirmCutoff(now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const QUEUE_COLUMNS = [
  "coalition_applications.id",
  "coalition_applications.kind",
  "coalition_applications.name",
  "coalition_applications.sector",
  "coalition_applications.jurisdiction_code",
  "coalition_applications.website",
  "coalition_applications.contact_name",
  "coalition_applications.contact_email",
  "coalition_applications.motivation",
  "coalition_applications.public_profile",
  "coalition_applications.consent_public",
  "coalition_applications.locale",
  "coalition_applications.status",
  "coalition_applications.confirmed_at",
  "coalition_applications.reviewed_at",
  "coalition_applications.decline_reason",
  "coalition_applications.member_id",
  "coalition_applications.created_at",
  "jurisdictions.name_en",
  "jurisdictions.name_fr",
  "users.name as reviewer_name",
] as const;

function queueQuery() {
  return db
    .selectFrom("coalition_applications")
    .leftJoin("jurisdictions", "jurisdictions.code", "coalition_applications.jurisdiction_code")
    .leftJoin("users", "users.id", "coalition_applications.reviewed_by")
    .select(QUEUE_COLUMNS);
}

/** The staff queue: confirmed applications waiting for review (oldest first), then recent decisions. */
/** The review queue for the staff inbox: confirmed applications, waiting since their confirmation. */
export async function applicationsWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("coalition_applications")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("confirmed_at").as("oldest")])
    .where("status", "=", "pending")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function listApplications() {
  const [pending, recent, unconfirmed] = await Promise.all([
    queueQuery()
      .where("coalition_applications.status", "=", "pending")
      .orderBy("coalition_applications.confirmed_at")
      .orderBy("coalition_applications.id")
      .limit(200)
      .execute(),
    queueQuery()
      .where("coalition_applications.status", "in", ["approved", "declined"])
      .orderBy("coalition_applications.reviewed_at", "desc")
      .orderBy("coalition_applications.id", "desc")
      .limit(20)
      .execute(),
    db
      .selectFrom("coalition_applications")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("status", "=", "unconfirmed")
      .where("created_at", ">", confirmCutoff(new Date()))
      .executeTakeFirstOrThrow(),
  ]);
  return { pending, recent, unconfirmed: Number(unconfirmed.n) };
}

async function pendingApplication(id: number) {
  return db
    .selectFrom("coalition_applications")
    .selectAll()
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

const NOT_PENDING: FieldErrors = { decision: ["applications:validation.notPending"] };
const NAME_TAKEN: FieldErrors = { decision: ["applications:validation.nameTaken"] };

export type ApproveResult = Result<
  { memberId: number; invited: true } | { memberId: number; invited: false; invitationErrors: FieldErrors },
  { fieldErrors: FieldErrors }
>;

/**
 * Creates the member (active, joined today) and marks the application approved in one transaction
 * with the audit entry and the applicant's mail; then invites the contact as `coalition_member` of
 * that member. The invitation can fail on its own (the contact already has an account): the
 * approval stands and the result says so.
 */
export async function approveApplication(actor: User, id: number, now = new Date()): Promise<ApproveResult> {
  const application = await pendingApplication(id);
  if (!application) return { ok: false, fieldErrors: NOT_PENDING };
  const stamp = now.toISOString();

  const memberId = await db.transaction().execute(async (trx) => {
    // Names are unique once folded for case and accents: an application for a name a member
    // already has stays in the queue (to decline, or to approve once the clash is settled).
    if (await nameClashes(trx, application.name, null, false)) return "name_taken" as const;
    const claimed = await trx
      .updateTable("coalition_applications")
      .set({ status: "approved", reviewed_by: actor.id, reviewed_at: stamp, updated_at: stamp })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    const newMemberId = await insertMember(trx, actor, {
      name: application.name,
      sector: application.sector as Sector,
      jurisdiction: application.jurisdiction_code,
      website: application.website,
      joinedOn: stamp.slice(0, 10),
      // The text written for the directory, never the motivation (which stays with the staff).
      publicProfile: application.consent_public ? application.public_profile : null,
      publicListing: application.consent_public === 1,
      contactEmail: application.contact_email,
      status: "active",
    });
    await trx.updateTable("coalition_applications").set({ member_id: newMemberId }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "application.approve",
      entityType: "coalition_application",
      entityId: id,
      before: { status: "pending" },
      after: { status: "approved", member_id: newMemberId },
    });
    await queueEmail(trx, {
      template: "application-decided",
      to: application.contact_email,
      locale: application.locale,
      props: {
        name: application.contact_name,
        organisation: application.name,
        decision: "approved",
        reason: null,
        directoryUrl: `${loadConfig().appUrl}/coalition`,
      },
      idempotencyKey: `application-decided:${id}`,
    });
    return newMemberId;
  });
  if (memberId === null) return { ok: false, fieldErrors: NOT_PENDING };
  if (memberId === "name_taken") return { ok: false, fieldErrors: NAME_TAKEN };

  // Its own transaction, after ours committed: the member exists when the invitation checks it.
  const invitation = await createInvitation(actor, {
    email: application.contact_email,
    name: application.contact_name,
    role: "coalition_member",
    coalitionMemberId: memberId,
    locale: application.locale,
  });
  if (!invitation.ok) return { ok: true, memberId, invited: false, invitationErrors: invitation.fieldErrors };
  return { ok: true, memberId, invited: true };
}

/** Declines with a reason the applicant receives by e-mail. */
export async function declineApplication(
  actor: User,
  id: number,
  reason: string,
  now = new Date(),
): Promise<Result<Nothing, { fieldErrors: FieldErrors }>> {
  const application = await pendingApplication(id);
  if (!application) return { ok: false, fieldErrors: NOT_PENDING };
  const stamp = now.toISOString();
  const done = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("coalition_applications")
      .set({ status: "declined", decline_reason: reason, reviewed_by: actor.id, reviewed_at: stamp, updated_at: stamp })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "application.decline",
      entityType: "coalition_application",
      entityId: id,
      before: { status: "pending" },
      after: { status: "declined", reason },
    });
    await queueEmail(trx, {
      template: "application-decided",
      to: application.contact_email,
      locale: application.locale,
      props: {
        name: application.contact_name,
        organisation: application.name,
        decision: "declined",
        reason,
        directoryUrl: null,
      },
      idempotencyKey: `application-decided:${id}`,
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, fieldErrors: NOT_PENDING };
}
