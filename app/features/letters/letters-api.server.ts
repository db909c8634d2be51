/**
 * Open data (/api/v1/letters): public letters serialised field by field, so that nothing private
 * can leak.
 */
import { loadConfig } from "~/config.server";
import { db } from "~db/connection";
import {
  currentTexts,
  getLetterBySlug,
  letterUrl,
  listVersions,
  PUBLIC_STATUSES,
} from "~/features/letters/letter-page.server";
import type { ApiLetterDetail, ApiLetterList } from "~/features/letters/api-schemas";
import { signatureCounts } from "~/features/letters/signature-counts.server";

/** The open-data list is small by nature (a few letters a year); this only bounds a runaway. */
const API_LIST_CAP = 1_000;

/** Every public letter (open, closed and delivered), titled in its own (first) language. */
export async function listLettersForApi(): Promise<ApiLetterList> {
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
