/**
 * Letters as signing sees them: the lookup by slug, whether a letter accepts signatures and the
 * signed version's title. The counts of confirmed signatures are kept by signature-counts.server.ts.
 */
import { db } from "~db/connection";
import type { Executor } from "~db/schema";

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
export async function letterTitle(
  executor: Executor,
  letterId: number,
  version: number,
  locale: string,
): Promise<string> {
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

/** What the sign, confirm and withdraw pages show of a letter: its status and title. */
export async function letterForSigning(slug: string, locale: string) {
  const letter = await findLetterBySlug(slug);
  if (!letter) return undefined;
  const title = await letterTitle(db, letter.id, letter.current_version, locale);
  return { id: letter.id, slug: letter.slug, status: letter.status, title, accepting: acceptsSignatures(letter) };
}
