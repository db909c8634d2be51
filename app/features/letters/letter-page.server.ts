/**
 * Open letters as the public reads them: the letters index and a letter's page, and the row and
 * text queries the other letter modules share. Signatures are only read here, and only their
 * public columns: e-mail addresses, tokens and IP hashes are never selected. The counts come from
 * the counters that signature-counts.server.ts keeps.
 */
import { loadConfig } from "~/config.server";
import { db } from "~db/connection";
import type { LetterStatus } from "~db/schema";
import { renderMarkdown } from "~/lib/markdown.server";
import { getVersion } from "~/features/translations/versions.server";
import { signatureCounts } from "~/features/letters/signature-counts.server";

export const SIGNATORIES_PER_PAGE = 50;
export const LETTERS_PER_PAGE = 50;
export const PUBLIC_STATUSES: readonly LetterStatus[] = ["open", "closed", "delivered"];

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

export function currentTexts(letterIds: number[]) {
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

/** One page of the people and organisations who signed, confirmed and agreed to be listed. */
async function publicSignatories(letterId: number, page: number, total: number) {
  const base = db
    .selectFrom("signatures")
    .where("signatures.letter_id", "=", letterId)
    .where("signatures.status", "=", "confirmed")
    .where("signatures.show_publicly", "=", 1);
  const rows = await base
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
    .execute();
  return { rows, total, page, perPage: SIGNATORIES_PER_PAGE };
}

/**
 * Everything the public letter page shows. Drafts only when `includeDrafts` (staff). `version`
 * reads an older version of the text; `language` one of its translations.
 */
/** When the organisation's signature on the letter was confirmed, if it stands. */
async function organisationSignature(letterId: number, memberId: number): Promise<string | null> {
  const row = await db
    .selectFrom("signatures")
    .select("confirmed_at")
    .where("letter_id", "=", letterId)
    .where("coalition_member_id", "=", memberId)
    .where("status", "=", "confirmed")
    .executeTakeFirst();
  return row?.confirmed_at ?? null;
}

/**
 * A translation staff made for readers of another language: shown beside the signed text, never
 * instead of it, and only while it was made from the text shown (a new version of the letter
 * waits for its translation to be updated; older versions have none).
 */
async function informationTranslation(
  letterId: number,
  original: { title: string; body: string } | undefined,
  languages: string[],
  locale: string,
) {
  if (!original || languages.includes(locale)) return null;
  const version = await getVersion("letter", letterId, locale);
  if (!version || version.sourceFields.title !== original.title || version.sourceFields.body !== original.body)
    return null;
  return { lang: locale, title: version.fields.title, body_html: renderMarkdown(version.fields.body) };
}

export async function getLetterPage(
  slug: string,
  locale: string,
  page = 1,
  options: {
    includeDrafts?: boolean;
    version?: number | null;
    language?: string | null;
    /** The reader's coalition member, when they represent one: was it signed already, and when. */
    organisationOf?: number | null;
  } = {},
) {
  const letter = await getLetterBySlug(slug);
  if (!letter || (letter.status === "draft" && !options.includeDrafts)) return null;
  const versions = await listVersions(letter.id);
  const version =
    options.version && versions.some((v) => v.version === options.version) ? options.version : letter.current_version;
  const countsOfLetter = signatureCounts(letter.id);
  const [texts, counts, signatories, threats, organisationSignedAt] = await Promise.all([
    db
      .selectFrom("open_letter_texts")
      .select(["language", "title", "body"])
      .where("letter_id", "=", letter.id)
      .where("version", "=", version)
      .orderBy("id")
      .execute(),
    countsOfLetter,
    countsOfLetter.then((c) => publicSignatories(letter.id, page, c.listed)),
    db
      .selectFrom("open_letter_threats")
      .innerJoin("threats", "threats.id", "open_letter_threats.threat_id")
      .select(["threats.slug", "threats.title", "threats.short_name", "threats.jurisdiction_code"])
      .where("open_letter_threats.letter_id", "=", letter.id)
      .orderBy("threats.slug")
      .execute(),
    options.organisationOf ? organisationSignature(letter.id, options.organisationOf) : null,
  ]);
  const text = pickText(texts, locale, options.language);
  const languages = texts.map((t) => t.language);
  const information = await informationTranslation(
    letter.id,
    version === letter.current_version ? texts[0] : undefined,
    languages,
    locale,
  );
  return {
    organisationSignedAt,
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
    languages,
    /** The reader's language's translation for information, when the letter has no text of its own in it. */
    information,
    /** The reader's language has neither: the text shown is in another. */
    untranslated: !information && !languages.includes(locale) && texts.length > 0,
    versions,
    counts: { confirmed: letter.confirmed_count, ...counts },
    signatories,
    threats,
  };
}
export type LetterPage = NonNullable<Awaited<ReturnType<typeof getLetterPage>>>;
