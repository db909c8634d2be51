/**
 * Open letters as staff draft and run them: create, edit (with frozen, versioned texts once a
 * letter has opened) and the status transitions draft → open → closed → delivered. What the
 * public reads is in letter-page.server.ts and letters-api.server.ts; signatures are written in
 * signing.server.ts and confirmation.server.ts.
 */
import type { Transaction } from "kysely";
import { db } from "~db/connection";
import type { Database, LetterStatus, User } from "~db/schema";
import { slugify } from "~/lib/slug";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import { getLetterBySlug } from "~/features/letters/letter-page.server";
import type { LetterInput, LetterTextInput } from "~/features/letters/forms";
import type { Nothing, Result } from "~/lib/result";

type Tx = Transaction<Database>;
type Actor = Pick<User, "id">;

/** Which status a letter may move to next, and nothing else. */
const NEXT: Record<LetterStatus, LetterStatus | null> = {
  draft: "open",
  open: "closed",
  closed: "delivered",
  delivered: null,
};

export type TransitionResult = Result<Nothing, { error: string }>;
const BAD_TRANSITION = "letters:errors.transition";

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Staff writes
// ---------------------------------------------------------------------------------------------

async function uniqueSlug(trx: Tx, title: string): Promise<string> {
  const base = slugify(title, 70);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await trx.selectFrom("open_letters").select("id").where("slug", "=", candidate).executeTakeFirst()))
      return candidate;
  }
}

/** Threat ids for the linked slugs, or a field error naming the form field. */
async function resolveThreats(slugs: string[]): Promise<Result<{ ids: number[] }, { errors: FieldErrors }>> {
  if (!slugs.length) return { ok: true, ids: [] };
  const rows = await db.selectFrom("threats").select(["id", "slug"]).where("slug", "in", slugs).execute();
  if (rows.length !== slugs.length) return { ok: false, errors: { threats: ["validation.relatedThreat"] } };
  return { ok: true, ids: rows.map((r) => r.id) };
}

async function linkThreats(trx: Tx, letterId: number, threatIds: number[]): Promise<void> {
  await trx.deleteFrom("open_letter_threats").where("letter_id", "=", letterId).execute();
  if (threatIds.length)
    await trx
      .insertInto("open_letter_threats")
      .values(threatIds.map((threat_id) => ({ letter_id: letterId, threat_id })))
      .execute();
}

async function insertTexts(
  trx: Tx,
  letterId: number,
  version: number,
  texts: LetterTextInput[],
  createdAt: string,
  now: string,
): Promise<void> {
  // One row at a time, in order: the first text (lowest id) is the letter's own language.
  for (const text of texts) {
    await trx
      .insertInto("open_letter_texts")
      .values({ letter_id: letterId, version, ...text, created_at: createdAt, updated_at: now })
      .execute();
  }
}

function settings(input: Pick<LetterInput, "opensOn" | "closesOn" | "goal">) {
  return {
    opens_on: input.opensOn ?? null,
    closes_on: input.closesOn ?? null,
    signature_goal: input.goal ?? null,
  };
}

/** A new letter, as a draft with version 1 of its texts. */
export async function createLetter(
  actor: Actor,
  input: LetterInput,
): Promise<Result<{ id: number; slug: string }, { fieldErrors: FieldErrors }>> {
  const threats = await resolveThreats(input.threats);
  if (!threats.ok) return { ok: false, fieldErrors: threats.errors };
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const slug = await uniqueSlug(trx, input.texts[0].title);
    const { id } = await trx
      .insertInto("open_letters")
      .values({
        slug,
        status: "draft",
        ...settings(input),
        current_version: 1,
        confirmed_count: 0,
        delivered_on: null,
        delivered_to: null,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await insertTexts(trx, id, 1, input.texts, now, now);
    await linkThreats(trx, id, threats.ids);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "letter.create",
      entityType: "open_letter",
      entityId: id,
      after: { slug, ...input },
    });
    return { ok: true as const, id, slug };
  });
}

type TextFields = Pick<LetterTextInput, "title" | "body"> & { language: string };

function sameTexts(a: readonly TextFields[], b: readonly TextFields[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => t.language === b[i].language && t.title === b[i].title && t.body === b[i].body)
  );
}

/**
 * Writes a letter's texts in the caller's transaction. A draft's version 1 is edited in place;
 * once the letter has opened, the text people signed is frozen and a change becomes a new version.
 */
async function writeTexts(
  trx: Tx,
  actor: Actor,
  letterId: number,
  texts: LetterTextInput[],
): Promise<Result<{ version: number; newVersion: boolean }, { error: string }>> {
  const letter = await trx
    .selectFrom("open_letters")
    .select(["id", "status", "current_version"])
    .where("id", "=", letterId)
    .executeTakeFirst();
  if (!letter) return { ok: false, error: "letters:errors.notFound" };
  if (letter.status === "delivered") return { ok: false, error: "letters:errors.delivered" };
  const current = await trx
    .selectFrom("open_letter_texts")
    .select(["language", "title", "body", "created_at"])
    .where("letter_id", "=", letterId)
    .where("version", "=", letter.current_version)
    .orderBy("id")
    .execute();
  if (sameTexts(current, texts)) return { ok: true, version: letter.current_version, newVersion: false };
  const now = new Date().toISOString();
  if (letter.status === "draft") {
    const createdAt = current.map((t) => t.created_at).sort()[0] ?? now;
    await trx
      .deleteFrom("open_letter_texts")
      .where("letter_id", "=", letterId)
      .where("version", "=", letter.current_version)
      .execute();
    await insertTexts(trx, letterId, letter.current_version, texts, createdAt, now);
    await trx.updateTable("open_letters").set({ updated_at: now }).where("id", "=", letterId).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "letter.texts",
      entityType: "open_letter",
      entityId: letterId,
      before: current,
      after: texts,
    });
    return { ok: true, version: letter.current_version, newVersion: false };
  }
  const version = letter.current_version + 1;
  await insertTexts(trx, letterId, version, texts, now, now);
  // Only if nobody else bumped it meanwhile: a lost race must not leave two "current" versions.
  const bumped = await trx
    .updateTable("open_letters")
    .set({ current_version: version, updated_at: now })
    .where("id", "=", letterId)
    .where("current_version", "=", letter.current_version)
    .executeTakeFirst();
  if (Number(bumped.numUpdatedRows) !== 1) throw new Error("the letter's version changed during the edit");
  await recordAudit(trx, {
    actorUserId: actor.id,
    action: "letter.version",
    entityType: "open_letter",
    entityId: letterId,
    before: { version: letter.current_version },
    after: { version, texts },
  });
  return { ok: true, version, newVersion: true };
}

/** Changes only the texts (see writeTexts). */
export async function updateTexts(
  actor: Actor,
  letterId: number,
  texts: LetterTextInput[],
): Promise<Result<{ version: number; newVersion: boolean }, { error: string }>> {
  return db.transaction().execute((trx) => writeTexts(trx, actor, letterId, texts));
}

/** The edit form: texts (frozen rules above), dates, goal and linked threats, in one transaction. */
export async function updateLetter(
  actor: Actor,
  letterId: number,
  input: LetterInput,
): Promise<Result<{ version: number; newVersion: boolean }, { fieldErrors?: FieldErrors; formError?: string }>> {
  const threats = await resolveThreats(input.threats);
  if (!threats.ok) return { ok: false, fieldErrors: threats.errors };
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("open_letters")
      .select(["opens_on", "closes_on", "signature_goal"])
      .where("id", "=", letterId)
      .executeTakeFirst();
    const written = await writeTexts(trx, actor, letterId, input.texts);
    if (!written.ok) return { ok: false as const, formError: written.error };
    const after = settings(input);
    await trx
      .updateTable("open_letters")
      .set({ ...after, updated_at: new Date().toISOString() })
      .where("id", "=", letterId)
      .execute();
    await linkThreats(trx, letterId, threats.ids);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "letter.update",
      entityType: "open_letter",
      entityId: letterId,
      before,
      after: { ...after, threats: input.threats },
    });
    return written;
  });
}

async function transition(
  actor: Actor,
  letterId: number,
  from: LetterStatus,
  set: { status: LetterStatus; opens_on?: string; delivered_on?: string; delivered_to?: string },
): Promise<TransitionResult> {
  if (NEXT[from] !== set.status) return { ok: false, error: BAD_TRANSITION };
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    // The status in the WHERE clause makes the check and the change one step.
    const result = await trx
      .updateTable("open_letters")
      .set({ ...set, updated_at: now })
      .where("id", "=", letterId)
      .where("status", "=", from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return { ok: false as const, error: BAD_TRANSITION };
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: `letter.${set.status}`,
      entityType: "open_letter",
      entityId: letterId,
      before: { status: from },
      after: set,
    });
    return { ok: true as const };
  });
}

/** draft → open; the opening date becomes today unless staff set one. */
export async function openLetter(actor: Actor, letterId: number): Promise<TransitionResult> {
  const letter = await db.selectFrom("open_letters").select("opens_on").where("id", "=", letterId).executeTakeFirst();
  if (!letter) return { ok: false, error: BAD_TRANSITION };
  return transition(actor, letterId, "draft", { status: "open", ...(letter.opens_on ? {} : { opens_on: today() }) });
}

/** open → closed: no more signatures. */
export function closeLetter(actor: Actor, letterId: number): Promise<TransitionResult> {
  return transition(actor, letterId, "open", { status: "closed" });
}

/** closed → delivered, with the date and to whom it was handed. */
export function markDelivered(
  actor: Actor,
  letterId: number,
  delivery: { deliveredOn: string; deliveredTo: string },
): Promise<TransitionResult> {
  if (!delivery.deliveredOn || !delivery.deliveredTo.trim())
    return Promise.resolve({ ok: false, error: BAD_TRANSITION });
  return transition(actor, letterId, "closed", {
    status: "delivered",
    delivered_on: delivery.deliveredOn,
    delivered_to: delivery.deliveredTo.trim(),
  });
}

/** What the edit form starts from: the current version's texts and the linked threats. */
export async function getLetterForEdit(slug: string) {
  const letter = await getLetterBySlug(slug);
  if (!letter) return undefined;
  const [texts, threats] = await Promise.all([
    db
      .selectFrom("open_letter_texts")
      .select(["language", "title", "body"])
      .where("letter_id", "=", letter.id)
      .where("version", "=", letter.current_version)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("open_letter_threats")
      .innerJoin("threats", "threats.id", "open_letter_threats.threat_id")
      .select("threats.slug")
      .where("open_letter_threats.letter_id", "=", letter.id)
      .orderBy("threats.slug")
      .execute(),
  ]);
  return { letter, texts, threatSlugs: threats.map((t) => t.slug) };
}
