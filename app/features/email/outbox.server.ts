/**
 * The outbox: every e-mail is first a row here, written in the caller's transaction, and sent later
 * by the worker (worker.server.ts). Staff read it through the mailbox queries below.
 */
import crypto from "node:crypto";
import { render } from "@react-email/render";
import { sql, type Kysely } from "kysely";
import { createElement, type Attributes, type ComponentType } from "react";
import { loadConfig } from "~/config.server";
import { getFixedT } from "~/i18n/i18next.server";
import { normaliseEmail } from "~/lib/email-address";
import { db, getDatabase } from "~db/connection";
import type { Database, OutboxRow } from "~db/schema";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/lib/vocabularies";
import {
  ApplicationConfirmEmail,
  applicationConfirmSubject,
  type ApplicationConfirmProps,
} from "~emails/application-confirm";
import {
  ApplicationDecidedEmail,
  applicationDecidedSubject,
  type ApplicationDecidedProps,
} from "~emails/application-decided";
import { ActionReviewedEmail, actionReviewedSubject, type ActionReviewedProps } from "~emails/action-reviewed";
import { EditionRequestEmail, editionRequestSubject, type EditionRequestProps } from "~emails/edition-request";
import { EventReviewedEmail, eventReviewedSubject, type EventReviewedProps } from "~emails/event-reviewed";
import { FailedSignInsEmail, failedSignInsSubject, type FailedSignInsProps } from "~emails/failed-sign-ins";
import { InvitationEmail, invitationSubject, type InvitationProps } from "~emails/invitation";
import { CampaignConfirmEmail, campaignConfirmSubject, type CampaignConfirmProps } from "~emails/campaign-confirm";
import { CampaignLetterEmail, campaignLetterSubject, type CampaignLetterProps } from "~emails/campaign-letter";
import type { EmailContext, EmailT } from "~emails/layout";
import {
  MemberChangeReviewedEmail,
  memberChangeReviewedSubject,
  type MemberChangeReviewedProps,
} from "~emails/member-change-reviewed";
import { PasswordResetEmail, passwordResetSubject, type PasswordResetProps } from "~emails/password-reset";
import { ProposalReviewedEmail, proposalReviewedSubject, type ProposalReviewedProps } from "~emails/proposal-reviewed";
import { RsvpConfirmEmail, rsvpConfirmSubject, type RsvpConfirmProps } from "~emails/rsvp-confirm";
import { SignatureConfirmEmail, signatureConfirmSubject, type SignatureConfirmProps } from "~emails/signature-confirm";
import {
  SignatureReminderEmail,
  signatureReminderSubject,
  type SignatureReminderProps,
} from "~emails/signature-reminder";
import { StaffDigestEmail, staffDigestSubject, type StaffDigestProps } from "~emails/staff-digest";
import { ThreatUpdateEmail, threatUpdateSubject, type ThreatUpdateProps } from "~emails/threat-update";
import { personText } from "~/features/email/person-text";
import { toWaiting, type Waiting } from "~/lib/waiting";

interface TemplateDefinition<P> {
  component: ComponentType<P & EmailContext>;
  subject(t: EmailT, props: P): string;
}

/** Template name → the props its component takes. Add a template here and in `templates`. */
export interface EmailTemplateProps {
  invitation: InvitationProps;
  "password-reset": PasswordResetProps;
  "threat-update": ThreatUpdateProps;
  "proposal-reviewed": ProposalReviewedProps;
  "application-confirm": ApplicationConfirmProps;
  "application-decided": ApplicationDecidedProps;
  "signature-confirm": SignatureConfirmProps;
  "signature-reminder": SignatureReminderProps;
  "campaign-confirm": CampaignConfirmProps;
  "campaign-letter": CampaignLetterProps;
  "action-reviewed": ActionReviewedProps;
  "rsvp-confirm": RsvpConfirmProps;
  "event-reviewed": EventReviewedProps;
  "edition-request": EditionRequestProps;
  "member-change-reviewed": MemberChangeReviewedProps;
  "failed-sign-ins": FailedSignInsProps;
  "staff-digest": StaffDigestProps;
}
export type EmailTemplateName = keyof EmailTemplateProps;

const templates: { [N in EmailTemplateName]: TemplateDefinition<EmailTemplateProps[N]> } = {
  invitation: { component: InvitationEmail, subject: invitationSubject },
  "password-reset": { component: PasswordResetEmail, subject: (t) => passwordResetSubject(t) },
  "threat-update": { component: ThreatUpdateEmail, subject: threatUpdateSubject },
  "proposal-reviewed": { component: ProposalReviewedEmail, subject: proposalReviewedSubject },
  "application-confirm": { component: ApplicationConfirmEmail, subject: applicationConfirmSubject },
  "application-decided": { component: ApplicationDecidedEmail, subject: applicationDecidedSubject },
  "signature-confirm": { component: SignatureConfirmEmail, subject: signatureConfirmSubject },
  "signature-reminder": { component: SignatureReminderEmail, subject: signatureReminderSubject },
  "campaign-confirm": { component: CampaignConfirmEmail, subject: campaignConfirmSubject },
  "campaign-letter": { component: CampaignLetterEmail, subject: campaignLetterSubject },
  "action-reviewed": { component: ActionReviewedEmail, subject: actionReviewedSubject },
  "rsvp-confirm": { component: RsvpConfirmEmail, subject: rsvpConfirmSubject },
  "event-reviewed": { component: EventReviewedEmail, subject: eventReviewedSubject },
  "edition-request": { component: EditionRequestEmail, subject: (t) => editionRequestSubject(t) },
  "member-change-reviewed": { component: MemberChangeReviewedEmail, subject: memberChangeReviewedSubject },
  "failed-sign-ins": { component: FailedSignInsEmail, subject: (t) => failedSignInsSubject(t) },
  "staff-digest": { component: StaffDigestEmail, subject: staffDigestSubject },
};

/**
 * The props of each template that carry text a member of the public typed (their name, their
 * organisation's): rendered through `personText` (shortened, nothing that links), because the mail
 * may go to an address its sender does not own.
 */
const PERSON_SUPPLIED: { [N in EmailTemplateName]?: ReadonlyArray<keyof EmailTemplateProps[N] & string> } = {
  "application-confirm": ["name", "organisation"],
  "campaign-confirm": ["name"],
  "rsvp-confirm": ["name"],
  "signature-confirm": ["name"],
  "signature-reminder": ["name"],
};

function withPersonText<N extends EmailTemplateName>(template: N, props: EmailTemplateProps[N]): EmailTemplateProps[N] {
  const keys: ReadonlyArray<string> | undefined = PERSON_SUPPLIED[template];
  if (!keys) return props;
  const copy: Record<string, unknown> = { ...props };
  for (const key of keys) {
    const value = copy[key];
    if (typeof value === "string") copy[key] = personText(value);
  }
  return copy as unknown as EmailTemplateProps[N];
}

export interface QueueEmailInput<N extends EmailTemplateName> {
  template: N;
  to: string;
  locale: string;
  props: EmailTemplateProps[N];
  /** Stable for the event that causes the mail (e.g. `invitation:42`): a repeat queues nothing. */
  idempotencyKey: string;
  replyTo?: string;
  /** The From header when not MAIL_FROM (letters to lawmakers use their campaign's address). */
  from?: string;
  /**
   * A mail nobody asked for from the system at this address (a confirmation link, a reminder, an
   * invitation, a password reset): counted against the recipient's caps, and not queued (null)
   * once they are reached.
   */
  unsolicited?: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail<N extends EmailTemplateName>(
  template: N,
  props: EmailTemplateProps[N],
  locale: string,
): Promise<RenderedEmail> {
  const definition: TemplateDefinition<EmailTemplateProps[N]> = templates[template];
  const t: EmailT = await getFixedT(locale, "email");
  const safeProps = withPersonText(template, props);
  // The explicit `key` satisfies React's Attributes for a generic props type.
  const elementProps: Attributes & EmailTemplateProps[N] & EmailContext = { key: null, ...safeProps, t, locale };
  const element = createElement(definition.component, elementProps);
  const rendered = await Promise.all([render(element), render(element, { plainText: true })]);
  // The renderer can leave a NUL byte in the preview padding; PostgreSQL text cannot hold one.
  const [html, text] = rendered.map((part) => part.replaceAll("\0", ""));
  // The subject becomes a header: names typed by users must not break it across lines.
  const subject = definition
    .subject(t, safeProps)
    .replace(/[\r\n]+/g, " ")
    .trim();
  return { subject, html, text };
}

function assertSingleLine(field: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`queueEmail: ${field} must not contain line breaks`);
}

/** The header checks every queued mail passes before anything is rendered or written. */
function assertQueueable(input: { to: string; replyTo?: string; from?: string; idempotencyKey: string }): void {
  assertSingleLine("to", input.to);
  if (input.replyTo !== undefined) assertSingleLine("replyTo", input.replyTo);
  if (input.from !== undefined) assertSingleLine("from", input.from);
  if (!input.idempotencyKey) throw new Error("queueEmail: idempotencyKey is required");
}

/**
 * Renders the template in the recipient's locale and inserts one outbox row through `executor`,
 * so the mail is committed (or rolled back) together with the change that causes it.
 * Returns the row id; a repeated idempotency key returns the existing row's id. An unsolicited
 * mail to an address that reached its caps is not queued: null.
 */
export async function queueEmail<N extends EmailTemplateName>(
  executor: Kysely<Database>,
  input: QueueEmailInput<N> & { unsolicited: true },
): Promise<number | null>;
export async function queueEmail<N extends EmailTemplateName>(
  executor: Kysely<Database>,
  input: QueueEmailInput<N> & { unsolicited?: false },
): Promise<number>;
export async function queueEmail<N extends EmailTemplateName>(
  executor: Kysely<Database>,
  input: QueueEmailInput<N>,
): Promise<number | null> {
  assertQueueable(input);

  const existing = await findByKey(executor, input.idempotencyKey);
  if (existing !== undefined) return existing;
  if (input.unsolicited && !(await mayMailUnsolicited(executor, input.to))) return null;

  const { subject, html, text } = await renderEmail(input.template, input.props, input.locale);
  return insertRendered(executor, {
    template: input.template,
    to: input.to,
    locale: input.locale,
    subject,
    html,
    text,
    idempotencyKey: input.idempotencyKey,
    replyTo: input.replyTo,
    from: input.from,
    unsolicited: input.unsolicited,
  });
}

export interface QueueRenderedEmailInput extends RenderedEmail {
  template: EmailTemplateName;
  to: string;
  locale: string;
  /** Stable for the event that causes the mail (e.g. `invitation:42`): a repeat queues nothing. */
  idempotencyKey: string;
  replyTo?: string;
  /** The From header when not MAIL_FROM. */
  from?: string;
  /** When the row is created and first due (ISO); the current time unless given. */
  now?: string;
  /** Counted against the recipient's caps; not queued (null) once they are reached. See QueueEmailInput. */
  unsolicited?: boolean;
}

/**
 * Inserts one outbox row for an already rendered message through `executor` (the caller's
 * transaction): the single insert path of the outbox, for callers that render in bulk from a
 * cache. Returns the row id; a repeated idempotency key returns the existing row's id. An
 * unsolicited mail to an address that reached its caps is not queued: null.
 */
export async function queueRenderedEmail(
  executor: Kysely<Database>,
  input: QueueRenderedEmailInput & { unsolicited: true },
): Promise<number | null>;
export async function queueRenderedEmail(
  executor: Kysely<Database>,
  input: QueueRenderedEmailInput & { unsolicited?: false },
): Promise<number>;
export async function queueRenderedEmail(
  executor: Kysely<Database>,
  input: QueueRenderedEmailInput,
): Promise<number | null> {
  return insertRendered(executor, input);
}

async function insertRendered(executor: Kysely<Database>, input: QueueRenderedEmailInput): Promise<number | null> {
  assertQueueable(input);
  assertSingleLine("subject", input.subject);

  const now = input.now ?? new Date().toISOString();
  if (input.unsolicited) {
    const existing = await findByKey(executor, input.idempotencyKey);
    if (existing !== undefined) return existing;
    if (!(await mayMailUnsolicited(executor, input.to, new Date(now)))) return null;
  }
  const inserted = await executor
    .insertInto("outbox")
    .values({
      idempotency_key: input.idempotencyKey,
      template: input.template,
      locale: input.locale,
      to_address: input.to.trim(),
      from_address: input.from?.trim() || loadConfig().mailFrom,
      reply_to: input.replyTo?.trim() || null,
      subject: input.subject,
      html: input.html,
      text: input.text,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      recipient_key: input.unsolicited ? recipientKey(input.to) : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return inserted.id;

  // The key is taken: queued earlier, or by another transaction after queueEmail's lookup.
  const raced = await findByKey(executor, input.idempotencyKey);
  if (raced === undefined) throw new Error("queueEmail: conflicting row vanished");
  return raced;
}

// ---- Caps on unsolicited mail ---------------------------------------------------------------

/**
 * How many unsolicited mails one address gets at most, whatever the form that causes them: a
 * person can type anyone's address into a public form, and must not be able to flood it.
 */
export const UNSOLICITED_MAIL_CAPS = { perHour: 5, perDay: 10 } as const;
const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Keyed, so that the outbox holds no second copy of the address that a guess could turn back
 * into one; normalised, so that "+tags", case and Gmail's dots do not open new allowances.
 */
export function recipientKey(address: string): string {
  return crypto
    .createHmac("sha256", loadConfig().appSecret)
    .update(`recipient:${normaliseEmail(address)}`)
    .digest("hex");
}

/**
 * Whether one more unsolicited mail may go to this address now: fewer than the caps in the last
 * hour and day. Run it in the transaction that queues the mail (the count sees that transaction's
 * own rows); entry points call it first, so that a capped request writes nothing at all.
 */
/** The advisory lock space of the per-recipient caps on PostgreSQL (the second key is the recipient's). */
const RECIPIENT_CAP_LOCK = 0x6875_6203;

export async function mayMailUnsolicited(
  executor: Kysely<Database>,
  address: string,
  now: Date = new Date(),
): Promise<boolean> {
  const key = recipientKey(address);
  // Several connections at once could each count below the cap and all queue (SQLite has one
  // writer). The lock is the transaction's: it holds until the mail row is written and committed.
  if (getDatabase().dialect === "postgres")
    await sql`select pg_advisory_xact_lock(${RECIPIENT_CAP_LOCK}, hashtext(${key}))`.execute(executor);
  const rows = await executor
    .selectFrom("outbox")
    .select("created_at")
    .where("recipient_key", "=", key)
    .where("created_at", ">", new Date(now.getTime() - DAY_MS).toISOString())
    .limit(UNSOLICITED_MAIL_CAPS.perDay)
    .execute();
  if (rows.length >= UNSOLICITED_MAIL_CAPS.perDay) return false;
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  return rows.filter((r) => r.created_at > hourAgo).length < UNSOLICITED_MAIL_CAPS.perHour;
}

async function findByKey(executor: Kysely<Database>, key: string): Promise<number | undefined> {
  const row = await executor.selectFrom("outbox").select("id").where("idempotency_key", "=", key).executeTakeFirst();
  return row?.id;
}

// ---- Staff mailbox --------------------------------------------------------------------------

export type OutboxListRow = Pick<
  OutboxRow,
  "id" | "to_address" | "subject" | "template" | "status" | "attempts" | "last_error" | "created_at" | "sent_at"
>;

export async function listOutbox(options: {
  status?: OutboxStatus;
  page: number;
  perPage: number;
}): Promise<{ rows: OutboxListRow[]; total: number }> {
  const perPage = Math.min(Math.max(Math.trunc(options.perPage) || 1, 1), 200);
  const page = Math.max(Math.trunc(options.page) || 1, 1);
  let base = db.selectFrom("outbox");
  if (options.status) base = base.where("status", "=", options.status);

  const [rows, count] = await Promise.all([
    base
      .select(["id", "to_address", "subject", "template", "status", "attempts", "last_error", "created_at", "sent_at"])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
  ]);
  // PostgreSQL returns count(*) as a string (bigint).
  return { rows, total: Number(count.total) };
}

export async function getOutboxMessage(id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Puts a failed message back in the queue with a fresh set of attempts. True if it was failed. */
export async function retryOutboxMessage(id: number): Promise<boolean> {
  const now = new Date().toISOString();
  const result = await db
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: now, updated_at: now })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Failed mail for the staff inbox: the oldest by when it last failed (staff retry it at /staff/mail). */
export async function failedMailWaiting(): Promise<Waiting> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => [eb.fn.countAll<number | string>().as("n"), eb.fn.min<string | null>("updated_at").as("oldest")])
    .where("status", "=", "failed")
    .executeTakeFirst();
  return toWaiting(row);
}

export async function outboxCounts(): Promise<Record<OutboxStatus, number>> {
  const rows = await db
    .selectFrom("outbox")
    .select((eb) => ["status", eb.fn.countAll<number | string>().as("count")])
    .groupBy("status")
    .execute();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
