import { db } from "~db/connection";
import type { Role, User } from "~db/schema";
import { loadConfig } from "~/config.server";
import { getFixedT } from "~/i18n/i18next.server";
import { mayMailUnsolicited, queueEmail } from "~/features/email/outbox.server";
import { recordAudit } from "~/features/security/audit.server";
import type { FieldErrors } from "~/lib/field-errors";
import { isStaff } from "~/features/auth/guards.server";
import { hashPassword } from "~/features/auth/password.server";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";
import type { Result } from "~/lib/result";

export const INVITATION_LIFETIME_DAYS = 7;

export interface InvitationInput {
  email: string;
  name: string;
  role: Role;
  chapterId?: number;
  coalitionMemberId?: number;
  locale: string;
}

/** Which roles this user may hand out by invitation. */
export function invitableRoles(actor: User): Role[] {
  if (actor.role === "admin") return ["admin", "staff", "chapter_lead", "chapter_member", "coalition_member"];
  if (actor.role === "staff") return ["staff", "chapter_lead", "chapter_member", "coalition_member"];
  if (actor.role === "chapter_lead") return ["chapter_member"];
  return [];
}

/** Checks that a role comes with exactly the scope it needs, and that the scope exists. */
export async function validateRoleScope(input: {
  role: Role;
  chapterId?: number;
  coalitionMemberId?: number;
}): Promise<FieldErrors | null> {
  if (input.role === "chapter_lead" || input.role === "chapter_member") {
    if (!input.chapterId) return { chapterId: ["validation.chapter.required"] };
    const chapter = await db.selectFrom("chapters").select("id").where("id", "=", input.chapterId).executeTakeFirst();
    if (!chapter) return { chapterId: ["validation.chapter.required"] };
  } else if (input.role === "coalition_member") {
    if (!input.coalitionMemberId) return { coalitionMemberId: ["validation.organisation.required"] };
    const member = await db
      .selectFrom("coalition_members")
      .select("id")
      .where("id", "=", input.coalitionMemberId)
      .executeTakeFirst();
    if (!member) return { coalitionMemberId: ["validation.organisation.required"] };
  }
  return null;
}

function scopeFor(role: Role, chapterId?: number, coalitionMemberId?: number) {
  return {
    chapter_id: role === "chapter_lead" || role === "chapter_member" ? (chapterId ?? null) : null,
    coalition_member_id: role === "coalition_member" ? (coalitionMemberId ?? null) : null,
  };
}

export async function createInvitation(
  actor: User,
  input: InvitationInput,
  now = new Date(),
): Promise<Result<{ id: number }, { fieldErrors: FieldErrors }>> {
  if (!invitableRoles(actor).includes(input.role))
    return { ok: false, fieldErrors: { role: ["validation.role.notAllowed"] } };
  // A chapter lead invites only into their own chapter.
  const chapterId = actor.role === "chapter_lead" ? (actor.chapter_id ?? undefined) : input.chapterId;
  const scopeErrors = await validateRoleScope({ ...input, chapterId });
  if (scopeErrors) return { ok: false, fieldErrors: scopeErrors };
  const existing = await db.selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
  if (existing) return { ok: false, fieldErrors: { email: ["validation.email.taken"] } };

  const token = randomToken();
  const tokenHash = sha256Hex(token);
  const stamp = now.toISOString();
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000);
  const t = await getFixedT(input.locale);
  const scope = scopeFor(input.role, chapterId, input.coalitionMemberId);
  const scopeLabel = await describeScope(scope.chapter_id, scope.coalition_member_id);

  const id = await db.transaction().execute(async (trx) => {
    // Invitations count against the address's caps on unsolicited mail like the public forms do:
    // a repeated invitation must not flood an inbox either. Over them, nothing is written.
    if (!(await mayMailUnsolicited(trx, input.email, now))) return null;
    // Inviting the same address again replaces the earlier, still-open invitation; a lead replaces
    // only their own chapter's (another chapter's or a staff invitation is not theirs to revoke).
    await trx
      .updateTable("invitations")
      .set({ revoked_at: stamp, updated_at: stamp })
      .where("email", "=", input.email)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .$if(!isStaff(actor), (q) => q.where("chapter_id", "=", chapterId ?? -1))
      .execute();
    const row = await trx
      .insertInto("invitations")
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        ...scope,
        locale: input.locale,
        invited_by: actor.id,
        token_hash: tokenHash,
        expires_at: expiresAt.toISOString(),
        accepted_at: null,
        revoked_at: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      template: "invitation",
      to: input.email,
      locale: input.locale,
      props: {
        inviterName: actor.name,
        roleLabel: t(`roles.${input.role}`),
        scopeLabel: scopeLabel ?? undefined,
        acceptUrl: `${loadConfig().appUrl}/invitations/accept?token=${token}`,
        expiresAt: expiresAt.toISOString(),
      },
      idempotencyKey: `invitation:${tokenHash}`,
      unsolicited: true,
    });
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "invitation.create",
      entityType: "invitation",
      entityId: row.id,
      after: { email: input.email, role: input.role, ...scope },
    });
    return row.id;
  });
  if (id === null) return { ok: false, fieldErrors: { email: ["validation.email.mailCap"] } };
  return { ok: true, id };
}

async function describeScope(chapterId: number | null, coalitionMemberId: number | null): Promise<string | null> {
  if (chapterId) {
    return (
      (await db.selectFrom("chapters").select("name").where("id", "=", chapterId).executeTakeFirst())?.name ?? null
    );
  }
  if (coalitionMemberId) {
    return (
      (await db.selectFrom("coalition_members").select("name").where("id", "=", coalitionMemberId).executeTakeFirst())
        ?.name ?? null
    );
  }
  return null;
}

async function findOpenInvitation(token: string, now: Date) {
  if (!/^[a-z0-9]{16,64}$/.test(token)) return undefined;
  const row = await db
    .selectFrom("invitations")
    .selectAll()
    .where("token_hash", "=", sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.accepted_at || row.revoked_at || new Date(row.expires_at) <= now) return undefined;
  return row;
}

export async function getOpenInvitation(token: string, now = new Date()) {
  const row = await findOpenInvitation(token, now);
  if (!row) return undefined;
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    scopeName: await describeScope(row.chapter_id, row.coalition_member_id),
  };
}

/** Creates the account from the invitation; the token works once. Returns the new user's id. */
export async function acceptInvitation(
  token: string,
  values: { name: string; password: string },
  now = new Date(),
): Promise<number | null> {
  const invitation = await findOpenInvitation(token, now);
  if (!invitation) return null;
  const passwordHash = await hashPassword(values.password);
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable("invitations")
      .set({ accepted_at: stamp, updated_at: stamp })
      .where("id", "=", invitation.id)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return null;
    const taken = await trx.selectFrom("users").select("id").where("email", "=", invitation.email).executeTakeFirst();
    if (taken) return null;
    const user = await trx
      .insertInto("users")
      .values({
        email: invitation.email,
        name: values.name,
        password_hash: passwordHash,
        role: invitation.role,
        chapter_id: invitation.chapter_id,
        coalition_member_id: invitation.coalition_member_id,
        locale: invitation.locale,
        status: "active",
        last_login_at: stamp,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Chapter people follow their chapter's country by default (they can stop in their account).
    if (invitation.chapter_id) {
      const chapter = await trx
        .selectFrom("chapters")
        .select("jurisdiction_code")
        .where("id", "=", invitation.chapter_id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("follows")
        .values({
          user_id: user.id,
          threat_id: null,
          jurisdiction_code: chapter.jurisdiction_code,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "invitation.accept",
      entityType: "user",
      entityId: user.id,
      after: {
        email: invitation.email,
        role: invitation.role,
        chapter_id: invitation.chapter_id,
        coalition_member_id: invitation.coalition_member_id,
      },
    });
    return user.id;
  });
}

export async function listOpenInvitations(actor: User) {
  let query = db
    .selectFrom("invitations")
    .leftJoin("chapters", "chapters.id", "invitations.chapter_id")
    .leftJoin("coalition_members", "coalition_members.id", "invitations.coalition_member_id")
    .select([
      "invitations.id",
      "invitations.email",
      "invitations.name",
      "invitations.role",
      "invitations.expires_at",
      "invitations.created_at",
      "chapters.name as chapter_name",
      "coalition_members.name as organisation_name",
    ])
    .where("invitations.accepted_at", "is", null)
    .where("invitations.revoked_at", "is", null)
    .orderBy("invitations.created_at", "desc");
  if (!isStaff(actor)) query = query.where("invitations.chapter_id", "=", actor.chapter_id ?? -1);
  return query.limit(200).execute();
}

export async function revokeInvitation(actor: User, invitationId: number): Promise<boolean> {
  const invitation = await db.selectFrom("invitations").selectAll().where("id", "=", invitationId).executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.revoked_at) return false;
  if (!isStaff(actor) && invitation.chapter_id !== actor.chapter_id) return false;
  const stamp = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("invitations")
      .set({ revoked_at: stamp, updated_at: stamp })
      .where("id", "=", invitationId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: invitationId,
    });
  });
  return true;
}
