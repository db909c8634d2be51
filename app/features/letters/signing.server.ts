/**
 * Signing open letters: individuals sign with double opt-in (pending until they confirm by
 * e-mail, see confirmation.server.ts); a repeated attempt replaces a pending signature and gets
 * a reminder of a confirmed one; coalition member
 * representatives sign for their organisation in one click.
 *
 * Each action is one short transaction with no network I/O in it: mail goes to the outbox,
 * committed with the change. Individual signatures go through the group commit
 * (group-commit.server.ts).
 */
import { db } from "~db/connection";
import type { FieldErrors } from "~/lib/field-errors";
import { escapeHtml } from "~/lib/html";
import type { User, Executor } from "~db/schema";
import { loadConfig } from "~/config.server";
import { normaliseEmail } from "~/lib/email-address";
import { randomToken, sha256Hex } from "~/features/auth/tokens.server";
import { enqueueSignatureConfirmed } from "~/features/webhooks/events.server";
import {
  mayMailUnsolicited,
  queueRenderedEmail,
  renderEmail,
  type EmailTemplateName,
  type EmailTemplateProps,
} from "~/features/email/outbox.server";
import { personText } from "~/features/email/person-text";
import { recordAudit } from "~/features/security/audit.server";
import { inGroupCommit } from "~/features/letters/group-commit.server";
import type { IndividualSignatureInput } from "~/features/letters/forms";
import { hashIp, isBlocked, jurisdictionExists } from "~/features/letters/signature-abuse.server";
import { countSignatures } from "~/features/letters/signature-counts.server";
import { acceptsSignatures, letterTitle } from "~/features/letters/signing-letter.server";
import type { Nothing, Result } from "~/lib/result";

/** One reminder per signature per this window: repeated attempts do not flood the signer. */
const REMINDER_WINDOW_MS = 60 * 60 * 1000;

// ---- Mail: rendered once per template and language, then filled in -------------------------

// Rendering a React Email template (HTML and plain text) costs milliseconds of CPU: far too much
// per signature at hundreds per second. Each template is rendered once per language and variant
// with placeholders, and each mail fills in its values (HTML-escaped in the HTML part).
const PLACEHOLDER = (name: string) => `SIGVALUE${name.toUpperCase()}X`;

interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
}
const renderedTemplates = new Map<string, Promise<RenderedTemplate>>();

type MailValues = Record<string, string>;

async function renderFilled<N extends "signature-confirm" | "signature-reminder">(
  template: N,
  variant: string,
  props: (values: MailValues) => EmailTemplateProps[N],
  values: MailValues,
  locale: string,
): Promise<RenderedTemplate> {
  const key = `${template}:${variant}:${locale}`;
  let pending = renderedTemplates.get(key);
  if (!pending) {
    const placeholders = Object.fromEntries(Object.keys(values).map((name) => [name, PLACEHOLDER(name)]));
    pending = renderEmail(template as EmailTemplateName, props(placeholders), locale) as Promise<RenderedTemplate>;
    pending.catch(() => renderedTemplates.delete(key));
    renderedTemplates.set(key, pending);
  }
  const base = await pending;
  const fill = (source: string, escape: (v: string) => string) =>
    source.replace(/SIGVALUE([A-Z]+)X/gi, (match, name: string) => {
      const found = Object.keys(values).find((k) => k.toUpperCase() === name.toUpperCase());
      return found === undefined ? match : escape(values[found]);
    });
  return {
    subject: fill(base.subject, (v) => v.replace(/[\r\n]+/g, " ")),
    html: fill(base.html, escapeHtml),
    text: fill(base.text, (v) => v),
  };
}

function links(confirmToken: string | null, withdrawToken: string) {
  const base = loadConfig().appUrl;
  return {
    confirmUrl: confirmToken ? `${base}/letters/confirm?token=${confirmToken}` : "",
    withdrawUrl: `${base}/letters/withdraw?token=${withdrawToken}`,
  };
}

// ---- Individuals ----------------------------------------------------------------------------

export type SignResult =
  /** The neutral answer: a new signature, a duplicate, a bot, a blocked address all look alike. */
  Result<Nothing, { fieldErrors?: FieldErrors; formErrors?: string[] }>;

export interface SignContext {
  ip: string;
  locale: string;
  /** A filled honeypot: answer as if all went well, write nothing. */
  honeypot?: boolean;
  now?: Date;
}

const NOT_OPEN: SignResult = { ok: false, formErrors: ["signatures:errors.notOpen"] };

/**
 * Records a pending individual signature and queues its confirmation mail, atomically (one
 * savepoint of a group commit, see group-commit.server.ts).
 * A second attempt with the same normalised e-mail gets the same answer. While the signature is
 * pending (perhaps typed by someone else with this address), the new attempt replaces it: its
 * name and details, new links (the earlier ones stop working) and a new confirmation mail. A
 * confirmed signature stays as it is and its signer gets a reminder with a fresh withdraw link,
 * at most one per hour. Over the address's caps on unsolicited mail nothing is written or mailed.
 */
export async function signIndividual(
  letterId: number,
  input: IndividualSignatureInput,
  context: SignContext,
): Promise<SignResult> {
  const now = context.now ?? new Date();
  const stamp = now.toISOString();
  if (!(await jurisdictionExists(input.jurisdiction))) {
    return { ok: false, fieldErrors: { jurisdiction: ["validation.jurisdiction"] } };
  }
  if (context.honeypot) return { ok: true };

  const email = input.email.trim();
  const normalised = normaliseEmail(email);
  const confirmToken = randomToken();
  const withdrawToken = randomToken();
  const confirmHash = sha256Hex(confirmToken);
  const locale = context.locale;

  return inGroupCommit(async (trx): Promise<SignResult> => {
    const letter = await trx
      .selectFrom("open_letters")
      .select(["id", "slug", "status", "opens_on", "closes_on", "current_version", "confirmed_count"])
      .where("id", "=", letterId)
      .executeTakeFirst();
    if (!letter || !acceptsSignatures(letter, now)) return NOT_OPEN;
    if (await isBlocked(trx, email, context.ip)) return { ok: true };
    if (!(await mayMailUnsolicited(trx, email, now))) return { ok: true };

    const entry = {
      version: letter.current_version,
      name: input.name,
      affiliation: input.affiliation || null,
      jurisdiction_code: input.jurisdiction,
      email,
      show_publicly: input.showPublicly ? 1 : 0,
      confirm_token_hash: confirmHash,
      withdraw_token_hash: sha256Hex(withdrawToken),
      ip_hash: hashIp(context.ip),
      created_at: stamp,
      updated_at: stamp,
    };
    const inserted = await trx
      .insertInto("signatures")
      .values({
        ...entry,
        letter_id: letter.id,
        kind: "individual",
        email_normalised: normalised,
        coalition_member_id: null,
        signed_by_user_id: null,
        status: "pending",
        confirmed_at: null,
        withdrawn_at: null,
        rejected_at: null,
        rejection_reason: null,
      })
      .onConflict((oc) => oc.columns(["letter_id", "email_normalised"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    // A pending signature with this address is replaced in place: the row (and the unique index
    // on the normalised address) stays, and a pending signature counts nowhere, so no count moves.
    const replaced = inserted
      ? undefined
      : await trx
          .updateTable("signatures")
          .set(entry)
          .where("letter_id", "=", letter.id)
          .where("email_normalised", "=", normalised)
          .where("status", "=", "pending")
          .returning("id")
          .executeTakeFirst();

    const title = await letterTitle(trx, letter.id, letter.current_version, locale);
    const signatureId = inserted?.id ?? replaced?.id;
    if (signatureId !== undefined) {
      const values = { name: personText(input.name), title, ...links(confirmToken, withdrawToken) };
      const message = await renderFilled(
        "signature-confirm",
        "new",
        (v) => ({ name: v.name, letterTitle: v.title, confirmUrl: v.confirmUrl, withdrawUrl: v.withdrawUrl }),
        values,
        locale,
      );
      await queueRenderedEmail(trx, {
        template: "signature-confirm",
        to: email,
        locale,
        ...message,
        idempotencyKey: inserted
          ? `signature-confirm:${signatureId}`
          : `signature-confirm:${signatureId}:${confirmHash.slice(0, 16)}`,
        now: stamp,
        unsolicited: true,
      });
      return { ok: true };
    }

    await remindConfirmed(trx, letter.id, normalised, title, locale, now);
    return { ok: true };
  });
}

/** The duplicate of a confirmed signature: a reminder to the address on file, with a fresh withdraw link. */
async function remindConfirmed(
  trx: Executor,
  letterId: number,
  normalised: string,
  title: string,
  locale: string,
  now: Date,
): Promise<void> {
  const existing = await trx
    .selectFrom("signatures")
    .select(["id", "name", "email", "status"])
    .where("letter_id", "=", letterId)
    .where("email_normalised", "=", normalised)
    .executeTakeFirst();
  // Withdrawn and rejected signatures stay as they are; the answer is the same anyway.
  if (!existing?.email || existing.status !== "confirmed") return;
  const key = `signature-reminder:${existing.id}:${Math.floor(now.getTime() / REMINDER_WINDOW_MS)}`;
  const already = await trx.selectFrom("outbox").select("id").where("idempotency_key", "=", key).executeTakeFirst();
  if (already) return; // tokens are renewed only together with a mail that carries them

  const withdrawToken = randomToken();
  const stamp = now.toISOString();
  await trx
    .updateTable("signatures")
    .set({ withdraw_token_hash: sha256Hex(withdrawToken), updated_at: stamp })
    .where("id", "=", existing.id)
    .where("status", "=", "confirmed")
    .execute();
  const values = { name: personText(existing.name), title, ...links(null, withdrawToken) };
  const message = await renderFilled(
    "signature-reminder",
    "confirmed",
    (v) => ({ name: v.name, letterTitle: v.title, state: "confirmed", confirmUrl: null, withdrawUrl: v.withdrawUrl }),
    values,
    locale,
  );
  await queueRenderedEmail(trx, {
    template: "signature-reminder",
    to: existing.email,
    locale,
    ...message,
    idempotencyKey: key,
    now: stamp,
    unsolicited: true,
  });
}

// ---- Organisations ----------------------------------------------------------------------------

/**
 * A coalition member representative signs for their own organisation (the one on their account,
 * never one named in the request): confirmed at once, with the organisation's name and country.
 * A second signature for the same organisation changes nothing and gets the same answer.
 */
export async function signForOrganisation(
  user: Pick<User, "id" | "role" | "coalition_member_id">,
  letterId: number,
  now = new Date(),
): Promise<SignResult> {
  if (user.role !== "coalition_member" || user.coalition_member_id === null) {
    return { ok: false, formErrors: ["signatures:errors.notRepresentative"] };
  }
  const memberId = user.coalition_member_id;
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<SignResult> => {
    const letter = await trx
      .selectFrom("open_letters")
      .select(["id", "slug", "status", "opens_on", "closes_on", "current_version", "confirmed_count"])
      .where("id", "=", letterId)
      .executeTakeFirst();
    if (!letter || !acceptsSignatures(letter, now)) return NOT_OPEN;
    const member = await trx
      .selectFrom("coalition_members")
      .select(["id", "name", "jurisdiction_code", "status"])
      .where("id", "=", memberId)
      .executeTakeFirst();
    if (!member || member.status !== "active") return { ok: false, formErrors: ["signatures:errors.memberInactive"] };
    const inserted = await trx
      .insertInto("signatures")
      .values({
        letter_id: letter.id,
        version: letter.current_version,
        kind: "organisation",
        name: member.name,
        affiliation: null,
        jurisdiction_code: member.jurisdiction_code,
        email: null,
        email_normalised: null,
        coalition_member_id: member.id,
        signed_by_user_id: user.id,
        show_publicly: 1,
        status: "confirmed",
        confirm_token_hash: null,
        withdraw_token_hash: null,
        confirmed_at: stamp,
        withdrawn_at: null,
        rejected_at: null,
        rejection_reason: null,
        ip_hash: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.columns(["letter_id", "coalition_member_id"]).doNothing())
      .returning(["id", "jurisdiction_code", "kind", "show_publicly"])
      .executeTakeFirst();
    if (inserted) {
      await countSignatures(trx, letter.id, [inserted], +1, stamp);
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "signature.organisation",
        entityType: "signature",
        entityId: inserted.id,
        after: { letter_id: letter.id, coalition_member_id: member.id, version: letter.current_version },
      });
      await enqueueSignatureConfirmed(trx, inserted.id, stamp);
    }
    return { ok: true };
  });
}

/** The organisation a representative would sign for (for the button's label), if any. */
export async function representedOrganisation(user: Pick<User, "role" | "coalition_member_id"> | null) {
  if (!user || user.role !== "coalition_member" || user.coalition_member_id === null) return null;
  const member = await db
    .selectFrom("coalition_members")
    .select(["id", "name", "status"])
    .where("id", "=", user.coalition_member_id)
    .executeTakeFirst();
  return member?.status === "active" ? { id: member.id, name: member.name } : null;
}
