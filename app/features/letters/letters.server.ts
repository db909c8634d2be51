/**
 * Open letters as staff draft and run them, and as the public reads them. Signatures are written
 * elsewhere (signatures.server.ts); here they are only read, and only their public columns:
 * e-mail addresses, tokens and IP hashes are never selected.
 */
import type { Transaction } from "kysely";
import { loadConfig } from "../../config.server";
import { db } from "../../../db/connection";
import type { Database, LetterStatus, User } from "../../../db/schema";
import { renderMarkdown } from "../../lib/markdown.server";
import { slugify } from "../../lib/slug";
import type { FieldErrors } from "../auth/accounts.server";
import { recordAudit } from "../security/audit.server";
import type { LetterInput, LetterTextInput } from "./letter-schema";

type Tx = Transaction<Database>;
type Actor = Pick<User, "id">;

export const SIGNATORIES_PER_PAGE = 50;
export const LETTERS_PER_PAGE = 50;
/** The open-data list is small by nature (a few letters a year); this only bounds a runaway. */
const API_LIST_CAP = 1_000;
export const PUBLIC_STATUSES: readonly LetterStatus[] = ["open", "closed", "delivered"];

/** Which status a letter may move to next, and nothing else. */
const NEXT: Record<LetterStatus, LetterStatus | null> = {
  draft: "open",
  open: "closed",
  closed: "delivered",
  delivered: null,
};

export type TransitionResult = { ok: true } | { ok: false; error: string };
const BAD_TRANSITION = "letters:errors.transition";

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The text to show: the one asked for, else the reader's language, else the letter's own (first). */
export function pickText<T extends { language: string }>(
  texts: readonly T[],
  locale: string,
  requested?: string | null,
): T | undefined {
  return (
    (requested ? texts.find((t) => t.language === requested) : undefined) ??
    texts.find((t) => t.language === locale) ??
    texts[0]
  );
}

/** The absolute address of a letter's public page. */
export function letterUrl(slug: string, appUrl = loadConfig().appUrl): string {
  return `${appUrl}/letters/${encodeURIComponent(slug)}`;
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
async function resolveThreats(
  slugs: string[],
): Promise<{ ok: true; ids: number[] } | { ok: false; errors: FieldErrors }> {
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
): Promise<{ ok: true; id: number; slug: string } | { ok: false; fieldErrors: FieldErrors }> {
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
): Promise<{ ok: true; version: number; newVersion: boolean } | { ok: false; error: string }> {
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
): Promise<{ ok: true; version: number; newVersion: boolean } | { ok: false; error: string }> {
  return db.transaction().execute((trx) => writeTexts(trx, actor, letterId, texts));
}

/** The edit form: texts (frozen rules above), dates, goal and linked threats, in one transaction. */
export async function updateLetter(
  actor: Actor,
  letterId: number,
  input: LetterInput,
): Promise<
  { ok: true; version: number; newVersion: boolean } | { ok: false; fieldErrors?: FieldErrors; formError?: string }
> {
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

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

const LETTER_COLUMNS = [
  "id",
  "slug",
  "status",
  "opens_on",
  "closes_on",
  "signature_goal",
  "current_version",
  "confirmed_count",
  "delivered_on",
  "delivered_to",
  "created_at",
  "updated_at",
] as const;

/** A letter's row (no texts), drafts included: routes check the status against the reader. */
export function getLetterBySlug(slug: string) {
  return db.selectFrom("open_letters").select(LETTER_COLUMNS).where("slug", "=", slug).executeTakeFirst();
}
export type LetterRow = NonNullable<Awaited<ReturnType<typeof getLetterBySlug>>>;

function currentTexts(letterIds: number[]) {
  if (!letterIds.length) return Promise.resolve([]);
  return db
    .selectFrom("open_letter_texts")
    .innerJoin("open_letters", (join) =>
      join
        .onRef("open_letters.id", "=", "open_letter_texts.letter_id")
        .onRef("open_letters.current_version", "=", "open_letter_texts.version"),
    )
    .select(["open_letter_texts.letter_id", "open_letter_texts.language", "open_letter_texts.title"])
    .where("open_letter_texts.letter_id", "in", letterIds)
    .orderBy("open_letter_texts.id")
    .execute();
}

export function listVersions(letterId: number) {
  return db
    .selectFrom("open_letter_texts")
    .select((eb) => ["version", eb.fn.min<string>("created_at").as("created_at")])
    .where("letter_id", "=", letterId)
    .groupBy("version")
    .orderBy("version")
    .execute();
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

export interface LetterListItem {
  slug: string;
  status: LetterStatus;
  title: string;
  language: string;
  confirmed: number;
  goal: number | null;
  opens_on: string | null;
  closes_on: string | null;
  delivered_on: string | null;
}

/** The letters index: public letters for everyone, drafts too for staff; open ones first. */
export async function listLetters(options: {
  includeDrafts: boolean;
  locale: string;
  page?: number;
  perPage?: number;
}): Promise<{ rows: LetterListItem[]; total: number }> {
  const perPage = options.perPage ?? LETTERS_PER_PAGE;
  const page = options.page ?? 1;
  const statuses: LetterStatus[] = options.includeDrafts ? ["draft", ...PUBLIC_STATUSES] : [...PUBLIC_STATUSES];
  const [letters, count] = await Promise.all([
    db
      .selectFrom("open_letters")
      .select(LETTER_COLUMNS)
      .where("status", "in", statuses)
      .orderBy((eb) =>
        eb
          .case()
          .when("status", "=", "open")
          .then(0)
          .when("status", "=", "draft")
          .then(1)
          .when("status", "=", "closed")
          .then(2)
          .else(3)
          .end(),
      )
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    db
      .selectFrom("open_letters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", statuses)
      .executeTakeFirstOrThrow(),
  ]);
  const texts = await currentTexts(letters.map((l) => l.id));
  const rows = letters.map((letter) => {
    const text = pickText(
      texts.filter((t) => t.letter_id === letter.id),
      options.locale,
    );
    return {
      slug: letter.slug,
      status: letter.status,
      title: text?.title ?? letter.slug,
      language: text?.language ?? "en",
      confirmed: letter.confirmed_count,
      goal: letter.signature_goal,
      opens_on: letter.opens_on,
      closes_on: letter.closes_on,
      delivered_on: letter.delivered_on,
    };
  });
  return { rows, total: Number(count.n) };
}

/** Confirmed signatures by kind and by country (the count itself is the letter's confirmed_count). */
async function signatureCounts(letterId: number) {
  const [byKind, byJurisdiction] = await Promise.all([
    db
      .selectFrom("signatures")
      .select((eb) => ["kind", eb.fn.countAll<number>().as("n")])
      .where("letter_id", "=", letterId)
      .where("status", "=", "confirmed")
      .groupBy("kind")
      .execute(),
    db
      .selectFrom("signatures")
      .innerJoin("jurisdictions", "jurisdictions.code", "signatures.jurisdiction_code")
      .select((eb) => [
        "jurisdictions.code",
        "jurisdictions.name_en",
        "jurisdictions.name_fr",
        eb.fn.countAll<number>().as("n"),
      ])
      .where("signatures.letter_id", "=", letterId)
      .where("signatures.status", "=", "confirmed")
      .groupBy(["jurisdictions.code", "jurisdictions.name_en", "jurisdictions.name_fr"])
      .execute(),
  ]);
  const kind = (k: string) => Number(byKind.find((r) => r.kind === k)?.n ?? 0);
  return {
    organisations: kind("organisation"),
    individuals: kind("individual"),
    byJurisdiction: byJurisdiction
      .map((r) => ({ code: r.code, name_en: r.name_en, name_fr: r.name_fr, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  };
}

/** One page of the people and organisations who signed, confirmed and agreed to be listed. */
async function publicSignatories(letterId: number, page: number) {
  const base = db
    .selectFrom("signatures")
    .where("signatures.letter_id", "=", letterId)
    .where("signatures.status", "=", "confirmed")
    .where("signatures.show_publicly", "=", 1);
  const [rows, count] = await Promise.all([
    base
      .leftJoin("jurisdictions", "jurisdictions.code", "signatures.jurisdiction_code")
      // Public columns only: never the e-mail address, tokens, IP hash or who signed it in.
      .select([
        "signatures.id",
        "signatures.kind",
        "signatures.name",
        "signatures.affiliation",
        "signatures.jurisdiction_code",
        "jurisdictions.name_en as jurisdiction_name_en",
        "jurisdictions.name_fr as jurisdiction_name_fr",
      ])
      // "organisation" sorts after "individual": descending puts organisations first.
      .orderBy("signatures.kind", "desc")
      .orderBy("signatures.confirmed_at")
      .orderBy("signatures.id")
      .limit(SIGNATORIES_PER_PAGE)
      .offset((page - 1) * SIGNATORIES_PER_PAGE)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page, perPage: SIGNATORIES_PER_PAGE };
}

/**
 * Everything the public letter page shows. Drafts only when `includeDrafts` (staff). `version`
 * reads an older version of the text; `language` one of its translations.
 */
export async function getLetterPage(
  slug: string,
  locale: string,
  page = 1,
  options: { includeDrafts?: boolean; version?: number | null; language?: string | null } = {},
) {
  const letter = await getLetterBySlug(slug);
  if (!letter || (letter.status === "draft" && !options.includeDrafts)) return null;
  const versions = await listVersions(letter.id);
  const version =
    options.version && versions.some((v) => v.version === options.version) ? options.version : letter.current_version;
  const [texts, counts, signatories, threats] = await Promise.all([
    db
      .selectFrom("open_letter_texts")
      .select(["language", "title", "body"])
      .where("letter_id", "=", letter.id)
      .where("version", "=", version)
      .orderBy("id")
      .execute(),
    signatureCounts(letter.id),
    publicSignatories(letter.id, page),
    db
      .selectFrom("open_letter_threats")
      .innerJoin("threats", "threats.id", "open_letter_threats.threat_id")
      .select(["threats.slug", "threats.title", "threats.short_name", "threats.jurisdiction_code"])
      .where("open_letter_threats.letter_id", "=", letter.id)
      .orderBy("threats.slug")
      .execute(),
  ]);
  const text = pickText(texts, locale, options.language);
  return {
    letter: {
      slug: letter.slug,
      status: letter.status,
      opens_on: letter.opens_on,
      closes_on: letter.closes_on,
      goal: letter.signature_goal,
      current_version: letter.current_version,
      delivered_on: letter.delivered_on,
      delivered_to: letter.delivered_to,
    },
    version,
    text: {
      language: text?.language ?? locale,
      title: text?.title ?? letter.slug,
      body_html: text ? renderMarkdown(text.body) : "",
    },
    languages: texts.map((t) => t.language),
    versions,
    counts: { confirmed: letter.confirmed_count, ...counts },
    signatories,
    threats,
  };
}
export type LetterPage = NonNullable<Awaited<ReturnType<typeof getLetterPage>>>;

// ---------------------------------------------------------------------------------------------
// Open data (/api/v1/letters): field by field, so that nothing private can leak
// ---------------------------------------------------------------------------------------------

export interface ApiLetterListItem {
  slug: string;
  title: string;
  status: LetterStatus;
  confirmed: number;
  url: string;
}

/** Every public letter (open, closed and delivered), titled in its own (first) language. */
export async function listLettersForApi(): Promise<{ data: ApiLetterListItem[] }> {
  const letters = await db
    .selectFrom("open_letters")
    .select(["id", "slug", "status", "confirmed_count"])
    .where("status", "in", [...PUBLIC_STATUSES])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(API_LIST_CAP)
    .execute();
  const texts = await currentTexts(letters.map((l) => l.id));
  const appUrl = loadConfig().appUrl;
  return {
    data: letters.map((letter) => ({
      slug: letter.slug,
      title: texts.find((t) => t.letter_id === letter.id)?.title ?? letter.slug,
      status: letter.status,
      confirmed: letter.confirmed_count,
      url: letterUrl(letter.slug, appUrl),
    })),
  };
}

export interface ApiLetterDetail {
  slug: string;
  title: string;
  status: LetterStatus;
  goal: number | null;
  signatures: {
    confirmed: number;
    organisations: number;
    individuals: number;
    by_jurisdiction: Record<string, number>;
  };
  versions: Array<{ number: number; created_at: string }>;
}

/** One public letter with its counts; undefined for unknown letters and drafts. */
export async function getLetterForApi(slug: string): Promise<ApiLetterDetail | undefined> {
  const letter = await getLetterBySlug(slug);
  if (!letter || !PUBLIC_STATUSES.includes(letter.status)) return undefined;
  const [texts, counts, versions] = await Promise.all([
    currentTexts([letter.id]),
    signatureCounts(letter.id),
    listVersions(letter.id),
  ]);
  // A prototype-less object: a jurisdiction code can never collide with Object.prototype.
  const byJurisdiction = Object.create(null) as Record<string, number>;
  for (const row of [...counts.byJurisdiction].sort((a, b) => a.code.localeCompare(b.code)))
    byJurisdiction[row.code] = row.count;
  return {
    slug: letter.slug,
    title: texts[0]?.title ?? letter.slug,
    status: letter.status,
    goal: letter.signature_goal,
    signatures: {
      confirmed: letter.confirmed_count,
      organisations: counts.organisations,
      individuals: counts.individuals,
      by_jurisdiction: byJurisdiction,
    },
    versions: versions.map((v) => ({ number: v.version, created_at: v.created_at })),
  };
}
