/**
 * Signatures of open letters: individuals sign with double opt-in (pending until they confirm by
 * e-mail), coalition member representatives sign for their organisation in one click, signers
 * withdraw through their mailed link, and staff moderate (bulk reject, blocklist) and export.
 *
 * `open_letters.confirmed_count` is kept exactly equal to the number of confirmed signatures: every
 * change of a signature's status updates it in the same transaction. Each public action is one
 * short transaction with no network I/O in it: mail goes to the outbox, committed with the change.
 */
import crypto from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { sql, type Kysely } from "kysely";
import { db } from "../../../db/connection";
import type { Database, SignatureStatus, User } from "../../../db/schema";
import { loadConfig } from "../../config.server";
import { GMAIL_DOMAINS, normaliseEmail } from "../../lib/email-address";
import { likeContains } from "../../lib/like.server";
import { randomToken, sha256Hex } from "../auth/tokens.server";
import { renderEmail, type EmailTemplateName, type EmailTemplateProps } from "../email/outbox.server";
import { listJurisdictions } from "../jurisdictions/jurisdictions.server";
import { recordAudit } from "../security/audit.server";
import { neutraliseFormula } from "../threats/api.server";
import type { BlocklistKind, IndividualSignatureInput, SignatureFilters, SignatureKind } from "./signature-schema";

type Executor = Kysely<Database>;

/** One reminder per signature per this window: repeated attempts do not flood the signer. */
const REMINDER_WINDOW_MS = 60 * 60 * 1000;
export const MODERATION_PAGE_SIZE = 50;

// ---- Letters as signing sees them ----------------------------------------------------------

export interface SigningLetter {
  id: number;
  slug: string;
  status: "draft" | "open" | "closed" | "delivered";
  opens_on: string | null;
  closes_on: string | null;
  current_version: number;
  confirmed_count: number;
}

export async function findLetterBySlug(slug: string, executor: Executor = db): Promise<SigningLetter | undefined> {
  return executor
    .selectFrom("open_letters")
    .select(["id", "slug", "status", "opens_on", "closes_on", "current_version", "confirmed_count"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

const idCache = new Map<string, { id: number; slug: string; at: number }>();

/**
 * The letter's id for the sign action, cached a few seconds: the action re-reads the letter (status,
 * dates, version) inside its transaction, so a stale entry can only cost a refused signature.
 */
export async function letterIdForSigning(slug: string): Promise<{ id: number; slug: string } | undefined> {
  const hit = idCache.get(slug);
  if (hit && Date.now() - hit.at < 5_000) return hit;
  const letter = await findLetterBySlug(slug);
  if (!letter) return undefined;
  if (idCache.size > 1000) idCache.clear();
  const entry = { id: letter.id, slug: letter.slug, at: Date.now() };
  idCache.set(slug, entry);
  return entry;
}

/** Open, and today (UTC) within its opens/closes dates (both inclusive, either may be unset). */
export function acceptsSignatures(letter: SigningLetter, now = new Date()): boolean {
  const today = now.toISOString().slice(0, 10);
  if (letter.status !== "open") return false;
  if (letter.opens_on && today < letter.opens_on.slice(0, 10)) return false;
  if (letter.closes_on && today > letter.closes_on.slice(0, 10)) return false;
  return true;
}

const titleCache = new Map<string, string>();

/** The signed version's title in the reader's language, else English, else any language. */
async function letterTitle(executor: Executor, letterId: number, version: number, locale: string): Promise<string> {
  // A version's text is frozen once the letter opens, so its title can be kept.
  const key = `${letterId}:${version}:${locale}`;
  const cached = titleCache.get(key);
  if (cached !== undefined) return cached;
  const rows = await executor
    .selectFrom("open_letter_texts")
    .select(["language", "title"])
    .where("letter_id", "=", letterId)
    .where("version", "=", version)
    .execute();
  const pick = rows.find((r) => r.language === locale) ?? rows.find((r) => r.language === "en") ?? rows[0];
  const title = pick?.title ?? "";
  if (titleCache.size > 1000) titleCache.clear();
  titleCache.set(key, title);
  return title;
}

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

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c] ?? c,
  );
}

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

/**
 * Writes one outbox row through `executor` (the caller's transaction), like `queueEmail` but from
 * a pre-rendered message. Returns false when the idempotency key was already used.
 */
async function queueRendered(
  executor: Executor,
  input: { template: EmailTemplateName; to: string; locale: string; idempotencyKey: string },
  message: RenderedTemplate,
  now: string,
): Promise<boolean> {
  if (/[\r\n]/.test(input.to)) throw new Error("signature mail: the address must not contain line breaks");
  const inserted = await executor
    .insertInto("outbox")
    .values({
      idempotency_key: input.idempotencyKey,
      template: input.template,
      locale: input.locale,
      to_address: input.to.trim(),
      from_address: loadConfig().mailFrom,
      reply_to: null,
      subject: message.subject,
      html: message.html,
      text: message.text,
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

function links(confirmToken: string | null, withdrawToken: string) {
  const base = loadConfig().appUrl;
  return {
    confirmUrl: confirmToken ? `${base}/letters/confirm?token=${confirmToken}` : "",
    withdrawUrl: `${base}/letters/withdraw?token=${withdrawToken}`,
  };
}

// ---- Abuse checks ---------------------------------------------------------------------------

/** A keyed hash of the client's address (APP_SECRET): groups a wave of signatures, never the IP. */
export function hashIp(ip: string): string {
  return crypto.createHmac("sha256", loadConfig().appSecret).update(`ip:${ip}`).digest("hex").slice(0, 32);
}

function domainOf(address: string): string {
  return address
    .slice(address.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

async function isBlocked(executor: Executor, email: string, ip: string): Promise<boolean> {
  const domain = domainOf(email);
  const domains = GMAIL_DOMAINS.includes(domain) ? GMAIL_DOMAINS : [domain];
  // A blocked domain also blocks its subdomains (mail.spam.example blocked by spam.example).
  const parts = domain.split(".");
  for (let i = 1; i < parts.length - 1; i++) domains.push(parts.slice(i).join("."));
  const row = await executor
    .selectFrom("signature_blocklist")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "email_domain"), eb("value", "in", domains)]),
        eb.and([eb("kind", "=", "ip"), eb("value", "=", ip)]),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

let jurisdictionCodes: Promise<Set<string>> | undefined;
async function jurisdictionExists(code: string): Promise<boolean> {
  jurisdictionCodes ??= listJurisdictions().then((rows) => new Set(rows.map((r) => r.code)));
  return (await jurisdictionCodes).has(code);
}

// ---- Group commit ----------------------------------------------------------------------------

// With `synchronous=FULL` every commit waits for an fsync, and better-sqlite3 waits on the event
// loop: one commit per signature caps signing at a few hundred per second on one core. Signatures
// that arrive while a commit is in progress are therefore written together in the next
// transaction, each in its own savepoint: a signature and its mail still commit together (or not
// at all), one failing signature does not undo the others, and nobody gets an answer before their
// signature is durable. Under light load a batch holds a single signature. No network I/O happens
// inside (mail goes to the outbox).

interface GroupJob {
  run: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
const MAX_GROUP = 256;
const groupQueue: GroupJob[] = [];
let groupScheduled = false;

function inGroupCommit<T>(run: (trx: Executor) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    groupQueue.push({ run, resolve: resolve as (value: unknown) => void, reject });
    if (!groupScheduled) {
      groupScheduled = true;
      setImmediate(flushGroup);
    }
  });
}

async function flushGroup(): Promise<void> {
  const jobs = groupQueue.splice(0, MAX_GROUP);
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const job of jobs) {
        await sql`savepoint signature_job`.execute(trx);
        try {
          const value = await job.run(trx);
          await sql`release savepoint signature_job`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`rollback to savepoint signature_job`.execute(trx);
          await sql`release savepoint signature_job`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  } catch (error) {
    for (const job of jobs) job.reject(error);
  } finally {
    if (groupQueue.length) setImmediate(flushGroup);
    else groupScheduled = false;
  }
}

// ---- Individuals ----------------------------------------------------------------------------

export type FieldErrors = Record<string, string[]>;

export type SignResult =
  /** The neutral answer: a new signature, a duplicate, a bot, a blocked address all look alike. */
  { ok: true } | { ok: false; fieldErrors?: FieldErrors; formErrors?: string[] };

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
 * savepoint of a group commit, see above).
 * A second attempt with the same normalised e-mail writes no signature: it gets the same answer and
 * the existing signer gets a reminder (with a fresh confirm link while pending, and a fresh
 * withdraw link), at most one per hour.
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
  const locale = context.locale;

  return inGroupCommit(async (trx): Promise<SignResult> => {
    const letter = await trx
      .selectFrom("open_letters")
      .select(["id", "slug", "status", "opens_on", "closes_on", "current_version", "confirmed_count"])
      .where("id", "=", letterId)
      .executeTakeFirst();
    if (!letter || !acceptsSignatures(letter, now)) return NOT_OPEN;
    if (await isBlocked(trx, email, context.ip)) return { ok: true };

    const inserted = await trx
      .insertInto("signatures")
      .values({
        letter_id: letter.id,
        version: letter.current_version,
        kind: "individual",
        name: input.name,
        affiliation: input.affiliation || null,
        jurisdiction_code: input.jurisdiction,
        email,
        email_normalised: normalised,
        coalition_member_id: null,
        signed_by_user_id: null,
        show_publicly: input.showPublicly ? 1 : 0,
        status: "pending",
        confirm_token_hash: sha256Hex(confirmToken),
        withdraw_token_hash: sha256Hex(withdrawToken),
        confirmed_at: null,
        withdrawn_at: null,
        rejected_at: null,
        rejection_reason: null,
        ip_hash: hashIp(context.ip),
        created_at: stamp,
        updated_at: stamp,
      })
      .onConflict((oc) => oc.columns(["letter_id", "email_normalised"]).doNothing())
      .returning("id")
      .executeTakeFirst();

    const title = await letterTitle(trx, letter.id, letter.current_version, locale);
    if (inserted) {
      const values = { name: input.name, title, ...links(confirmToken, withdrawToken) };
      const message = await renderFilled(
        "signature-confirm",
        "new",
        (v) => ({ name: v.name, letterTitle: v.title, confirmUrl: v.confirmUrl, withdrawUrl: v.withdrawUrl }),
        values,
        locale,
      );
      await queueRendered(
        trx,
        { template: "signature-confirm", to: email, locale, idempotencyKey: `signature-confirm:${inserted.id}` },
        message,
        stamp,
      );
      return { ok: true };
    }

    await remindExisting(trx, letter.id, normalised, title, locale, now);
    return { ok: true };
  });
}

/** The duplicate path: a reminder to the address already on file, tokens renewed with the mail. */
async function remindExisting(
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
  if (!existing?.email || (existing.status !== "pending" && existing.status !== "confirmed")) return;
  const state = existing.status;
  const key = `signature-reminder:${existing.id}:${Math.floor(now.getTime() / REMINDER_WINDOW_MS)}`;
  const already = await trx.selectFrom("outbox").select("id").where("idempotency_key", "=", key).executeTakeFirst();
  if (already) return; // tokens are renewed only together with a mail that carries them

  const confirmToken = state === "pending" ? randomToken() : null;
  const withdrawToken = randomToken();
  const stamp = now.toISOString();
  await trx
    .updateTable("signatures")
    .set({
      ...(confirmToken ? { confirm_token_hash: sha256Hex(confirmToken) } : {}),
      withdraw_token_hash: sha256Hex(withdrawToken),
      updated_at: stamp,
    })
    .where("id", "=", existing.id)
    .where("status", "=", state)
    .execute();
  const values = { name: existing.name, title, ...links(confirmToken, withdrawToken) };
  const message = await renderFilled(
    "signature-reminder",
    state,
    (v) => ({
      name: v.name,
      letterTitle: v.title,
      state,
      confirmUrl: state === "pending" ? v.confirmUrl : null,
      withdrawUrl: v.withdrawUrl,
    }),
    values,
    locale,
  );
  await queueRendered(
    trx,
    { template: "signature-reminder", to: existing.email, locale, idempotencyKey: key },
    message,
    stamp,
  );
}

// ---- Confirm and withdraw (POST only; GET pages only look) ----------------------------------

function tokenHash(token: string): string | null {
  return /^[a-z0-9]{16,64}$/.test(token) ? sha256Hex(token) : null;
}

export interface TokenLookup {
  letterSlug: string;
  name: string;
}

/** Read-only: whether a mailed link is still good, for the page its GET opens. */
export async function checkSignatureToken(kind: "confirm" | "withdraw", token: string): Promise<TokenLookup | null> {
  const hash = tokenHash(token);
  if (!hash) return null;
  const row = await db
    .selectFrom("signatures")
    .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
    .select(["open_letters.slug", "signatures.name"])
    .where(kind === "confirm" ? "signatures.confirm_token_hash" : "signatures.withdraw_token_hash", "=", hash)
    .where("signatures.status", "in", kind === "confirm" ? ["pending"] : ["pending", "confirmed"])
    .executeTakeFirst();
  return row ? { letterSlug: row.slug, name: row.name } : null;
}

export type TokenActionResult = { ok: true; letterSlug: string } | { ok: false; reason: "invalid" | "closed" };

/** pending → confirmed, the count + 1, the confirm token spent. */
export async function confirmSignature(token: string, now = new Date()): Promise<TokenActionResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<TokenActionResult> => {
    const row = await trx
      .selectFrom("signatures")
      .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
      .select([
        "signatures.id",
        "signatures.letter_id",
        "open_letters.slug",
        "open_letters.status as letter_status",
        "open_letters.opens_on",
        "open_letters.closes_on",
      ])
      .where("signatures.confirm_token_hash", "=", hash)
      .where("signatures.status", "=", "pending")
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" };
    // Once a letter closes its count is final: late confirmations no longer change it.
    if (row.letter_status !== "open" || (row.closes_on && stamp.slice(0, 10) > row.closes_on.slice(0, 10))) {
      return { ok: false, reason: "closed" };
    }
    const updated = await trx
      .updateTable("signatures")
      .set({ status: "confirmed", confirmed_at: stamp, confirm_token_hash: null, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" };
    await adjustCount(trx, row.letter_id, +1, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}

/** confirmed → withdrawn (count − 1) or pending → withdrawn; the row is kept as history. */
export async function withdrawSignature(token: string, now = new Date()): Promise<TokenActionResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<TokenActionResult> => {
    const row = await trx
      .selectFrom("signatures")
      .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
      .select(["signatures.id", "signatures.letter_id", "signatures.status", "open_letters.slug"])
      .where("signatures.withdraw_token_hash", "=", hash)
      .where("signatures.status", "in", ["pending", "confirmed"])
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" };
    const updated = await trx
      .updateTable("signatures")
      .set({
        status: "withdrawn",
        withdrawn_at: stamp,
        confirm_token_hash: null,
        withdraw_token_hash: null,
        updated_at: stamp,
      })
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" };
    if (row.status === "confirmed") await adjustCount(trx, row.letter_id, -1, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}

async function adjustCount(trx: Executor, letterId: number, delta: number, stamp: string): Promise<void> {
  await trx
    .updateTable("open_letters")
    .set((eb) => ({ confirmed_count: eb("confirmed_count", "+", delta), updated_at: stamp }))
    .where("id", "=", letterId)
    .execute();
}

/** Sets the count from the rows themselves (after a bulk change). */
async function recount(trx: Executor, letterId: number, stamp: string): Promise<void> {
  await trx
    .updateTable("open_letters")
    .set((eb) => ({
      confirmed_count: eb
        .selectFrom("signatures")
        .select((s) => s.fn.countAll<number>().as("n"))
        .where("signatures.letter_id", "=", letterId)
        .where("signatures.status", "=", "confirmed"),
      updated_at: stamp,
    }))
    .where("id", "=", letterId)
    .execute();
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
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      await adjustCount(trx, letter.id, +1, stamp);
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "signature.organisation",
        entityType: "signature",
        entityId: inserted.id,
        after: { letter_id: letter.id, coalition_member_id: member.id, version: letter.current_version },
      });
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

// ---- Staff: moderation, blocklist, export ---------------------------------------------------

export interface ModerationRow {
  id: number;
  kind: SignatureKind;
  name: string;
  affiliation: string | null;
  jurisdiction_code: string | null;
  email: string | null;
  status: SignatureStatus;
  version: number;
  show_publicly: number;
  ip_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  rejection_reason: string | null;
}

function filtered(letterId: number, filters: SignatureFilters) {
  let query = db.selectFrom("signatures").where("letter_id", "=", letterId);
  if (filters.status) query = query.where("status", "=", filters.status);
  if (filters.kind) query = query.where("kind", "=", filters.kind);
  if (filters.from) query = query.where("created_at", ">=", filters.from);
  if (filters.to) query = query.where("created_at", "<", nextDay(filters.to));
  if (filters.q) {
    const q = filters.q;
    query = query.where((eb) =>
      eb.or([
        likeContains(sql<string>`lower(${sql.ref("name")})`, q),
        likeContains(sql<string>`lower(coalesce(${sql.ref("affiliation")}, ''))`, q),
        likeContains(sql<string>`coalesce(${sql.ref("email_normalised")}, '')`, q),
        eb("ip_hash", "=", q),
      ]),
    );
  }
  return query;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
}

export async function listSignatures(letterId: number, filters: SignatureFilters) {
  const page = filters.page ?? 1;
  const [rows, count, byStatus] = await Promise.all([
    filtered(letterId, filters)
      .select([
        "id",
        "kind",
        "name",
        "affiliation",
        "jurisdiction_code",
        "email",
        "status",
        "version",
        "show_publicly",
        "ip_hash",
        "created_at",
        "confirmed_at",
        "rejection_reason",
      ])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(MODERATION_PAGE_SIZE)
      .offset((page - 1) * MODERATION_PAGE_SIZE)
      .execute(),
    filtered(letterId, filters)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("signatures")
      .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("letter_id", "=", letterId)
      .groupBy("status")
      .execute(),
  ]);
  const counts = { pending: 0, confirmed: 0, withdrawn: 0, rejected: 0 } as Record<SignatureStatus, number>;
  for (const row of byStatus) counts[row.status] = Number(row.n);
  return { rows: rows as ModerationRow[], total: Number(count.n), page, perPage: MODERATION_PAGE_SIZE, counts };
}

/**
 * Rejects the selected pending or confirmed signatures of this letter (others are left alone),
 * spends their tokens and corrects the count, in one transaction. Returns how many changed.
 */
export async function rejectSignatures(
  actor: Pick<User, "id">,
  letterId: number,
  ids: number[],
  reason: string,
  now = new Date(),
): Promise<number> {
  const stamp = now.toISOString();
  const unique = [...new Set(ids)];
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    // Bounded chunks keep each statement under the databases' parameter limits.
    for (let i = 0; i < unique.length; i += 500) {
      const result = await trx
        .updateTable("signatures")
        .set({
          status: "rejected",
          rejected_at: stamp,
          rejection_reason: reason,
          confirm_token_hash: null,
          withdraw_token_hash: null,
          updated_at: stamp,
        })
        .where("letter_id", "=", letterId)
        .where("id", "in", unique.slice(i, i + 500))
        .where("status", "in", ["pending", "confirmed"])
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
    await recount(trx, letterId, stamp);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "signature.reject",
      entityType: "open_letter",
      entityId: letterId,
      after: { ids: unique, changed, reason },
    });
    return changed;
  });
}

export async function listBlocklist() {
  return db
    .selectFrom("signature_blocklist")
    .select(["id", "kind", "value", "reason", "created_at"])
    .orderBy("kind")
    .orderBy("value")
    .execute();
}

/** Normalises a blocklist value: a bare domain (lower case, no `@`), or an IP address as typed. */
export function blocklistValue(kind: BlocklistKind, raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (kind === "email_domain") {
    const domain = value.replace(/^.*@/, "");
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
  }
  return /^[0-9a-f:.]{2,45}$/.test(value) ? value : null;
}

export async function addToBlocklist(
  actor: Pick<User, "id">,
  kind: BlocklistKind,
  raw: string,
  reason: string | undefined,
): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const value = blocklistValue(kind, raw);
  if (!value) return { ok: false, fieldErrors: { value: [`signatures:validation.blockValue.${kind}`] } };
  const stamp = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("signature_blocklist")
      .values({ kind, value, reason: reason || null, created_by: actor.id, created_at: stamp, updated_at: stamp })
      .onConflict((oc) => oc.columns(["kind", "value"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: "signature_blocklist.add",
        entityType: "signature_blocklist",
        entityId: row.id,
        after: { kind, value, reason },
      });
    }
  });
  return { ok: true };
}

export async function removeFromBlocklist(actor: Pick<User, "id">, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("signature_blocklist").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return;
    await trx.deleteFrom("signature_blocklist").where("id", "=", id).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "signature_blocklist.remove",
      entityType: "signature_blocklist",
      entityId: id,
      before: { kind: row.kind, value: row.value, reason: row.reason },
    });
  });
}

export const SIGNATURES_CSV_COLUMNS = [
  "name",
  "affiliation",
  "country",
  "kind",
  "version",
  "confirmed_at",
  "email",
] as const;

/**
 * The staff export of confirmed signatures, e-mails included (staff only): UTF-8 with a BOM,
 * CRLF lines, cells that a spreadsheet would run as a formula neutralised.
 */
export async function confirmedSignaturesCsv(letterId: number): Promise<string> {
  const rows = await db
    .selectFrom("signatures")
    .select(["name", "affiliation", "jurisdiction_code", "kind", "version", "confirmed_at", "email"])
    .where("letter_id", "=", letterId)
    .where("status", "=", "confirmed")
    .orderBy("kind", "desc") // organisations first
    .orderBy("confirmed_at")
    .orderBy("id")
    .execute();
  const records = rows.map((row) =>
    [
      row.name,
      row.affiliation ?? "",
      row.jurisdiction_code ?? "",
      row.kind,
      String(row.version),
      row.confirmed_at ?? "",
      row.email ?? "",
    ].map(neutraliseFormula),
  );
  return stringify([[...SIGNATURES_CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
}

/** What the sign, confirm and withdraw pages show of a letter: its status and title. */
export async function letterForSigning(slug: string, locale: string) {
  const letter = await findLetterBySlug(slug);
  if (!letter) return undefined;
  const title = await letterTitle(db, letter.id, letter.current_version, locale);
  return { id: letter.id, slug: letter.slug, status: letter.status, title, accepting: acceptsSignatures(letter) };
}
