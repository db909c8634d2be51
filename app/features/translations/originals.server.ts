import { db } from "~db/connection";
import type { ContentType } from "~/features/translations/content-types";

/** An item's original texts, as its own table holds them. */
export interface Original {
  type: ContentType;
  id: number;
  /** What the staff call the item (its title), in the original's language. */
  label: string;
  originalLocale: string;
  /** When the item last changed: a version older than this may be stale. */
  updatedAt: string;
  fields: Record<string, string>;
  /** The public page, and the staff page where the original is edited. */
  publicPath: string;
  editPath: string;
  /** Languages the item's own table already has its text in (an open letter's official texts). */
  ownLocales: string[];
}

type Row = Omit<Original, "type" | "ownLocales"> & { ownLocales?: string[] };

const threatRows = (ids?: number[]) => {
  let query = db
    .selectFrom("threats")
    .select([
      "id",
      "slug",
      "title",
      "short_name",
      "jurisdiction_code",
      "first_seen_on",
      "summary",
      "original_locale",
      "updated_at",
    ])
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc");
  if (ids) query = query.where("id", "in", ids);
  return query.execute().then((rows) =>
    rows.map((r): Row => ({
      id: r.id,
      // A reintroduced bill keeps its name: the country and the year tell them apart.
      label: `${r.short_name ?? r.title} (${r.jurisdiction_code}, ${r.first_seen_on.slice(0, 4)})`,
      originalLocale: r.original_locale,
      updatedAt: r.updated_at,
      fields: { summary: r.summary },
      publicPath: `/threats/${r.slug}`,
      editPath: `/threats/${r.slug}/edit`,
    })),
  );
};

// Only approved events are public; the others are the organiser's and the reviewers' business.
const eventRows = (ids?: number[]) => {
  let query = db
    .selectFrom("events")
    .select(["id", "slug", "title", "description", "original_locale", "updated_at"])
    .where("status", "=", "approved")
    .orderBy("starts_at", "desc")
    .orderBy("id", "desc");
  if (ids) query = query.where("id", "in", ids);
  return query.execute().then((rows) =>
    rows.map((r): Row => ({
      id: r.id,
      label: r.title,
      originalLocale: r.original_locale,
      updatedAt: r.updated_at,
      fields: { title: r.title, description: r.description },
      publicPath: `/events/${r.slug}`,
      editPath: `/events/${r.slug}/edit`,
    })),
  );
};

const targetRows = (ids?: number[]) => {
  let query = db
    .selectFrom("targets")
    .select(["id", "year", "title", "original_locale", "updated_at"])
    .orderBy("year", "desc")
    .orderBy("position")
    .orderBy("id");
  if (ids) query = query.where("id", "in", ids);
  return query.execute().then((rows) =>
    rows.map((r): Row => ({
      id: r.id,
      label: `${r.title} (${r.year})`,
      originalLocale: r.original_locale,
      updatedAt: r.updated_at,
      fields: { title: r.title },
      publicPath: `/targets/${r.id}`,
      editPath: `/staff/targets/${r.id}`,
    })),
  );
};

/**
 * An open letter's original is the current version's first text (the letter's own language); the
 * version's other texts are official too, and signed like it: they need no translation.
 */
const letterRows = async (ids?: number[]) => {
  let query = db
    .selectFrom("open_letters")
    .innerJoin("open_letter_texts", (join) =>
      join
        .onRef("open_letter_texts.letter_id", "=", "open_letters.id")
        .onRef("open_letter_texts.version", "=", "open_letters.current_version"),
    )
    .select([
      "open_letters.id",
      "open_letters.slug",
      "open_letter_texts.language",
      "open_letter_texts.title",
      "open_letter_texts.body",
      "open_letter_texts.updated_at",
    ])
    .orderBy("open_letters.id", "desc")
    .orderBy("open_letter_texts.id");
  if (ids) query = query.where("open_letters.id", "in", ids);
  const rows = await query.execute();
  const byLetter = new Map<number, Row>();
  for (const r of rows) {
    const seen = byLetter.get(r.id);
    if (seen) {
      seen.ownLocales!.push(r.language);
      continue;
    }
    byLetter.set(r.id, {
      id: r.id,
      label: r.title,
      originalLocale: r.language,
      updatedAt: r.updated_at,
      fields: { title: r.title, body: r.body },
      publicPath: `/letters/${r.slug}`,
      editPath: `/letters/${r.slug}/edit`,
      ownLocales: [r.language],
    });
  }
  return [...byLetter.values()];
};

const LOADERS: Record<ContentType, (ids?: number[]) => Promise<Row[]>> = {
  threat: threatRows,
  letter: letterRows,
  event: eventRows,
  target: targetRows,
};

/** Every translatable item of a type, in the order the staff view lists them. */
export async function listOriginals(type: ContentType): Promise<Original[]> {
  return (await LOADERS[type]()).map((row) => ({ ...row, type, ownLocales: row.ownLocales ?? [row.originalLocale] }));
}

export async function getOriginal(type: ContentType, id: number): Promise<Original | null> {
  const [row] = await LOADERS[type]([id]);
  return row ? { ...row, type, ownLocales: row.ownLocales ?? [row.originalLocale] } : null;
}
