import { db } from "~db/connection";
import { CONTENT_FIELDS, type ContentType } from "~/features/translations/content-types";

/** The texts a reader sees, and in which language: theirs, or the original's when not yet translated. */
export interface Localised {
  fields: Record<string, string>;
  /** The language of `fields`. */
  lang: string;
  /** True when the reader's language has no version and the original is shown instead. */
  fallback: boolean;
}

export interface LocalisableItem {
  id: number;
  originalLocale: string;
  fields: Record<string, string>;
}

/** Complete versions (every field) of some items in one language, by item id. */
async function versionsOf(
  type: ContentType,
  ids: number[],
  locale: string,
): Promise<Map<number, Record<string, string>>> {
  const found = new Map<number, Record<string, string>>();
  if (!ids.length) return found;
  const rows = await db
    .selectFrom("content_versions")
    .select(["entity_id", "field", "body"])
    .where("entity_type", "=", type)
    .where("locale", "=", locale)
    .where("entity_id", "in", ids)
    .execute();
  for (const row of rows) found.set(row.entity_id, { ...found.get(row.entity_id), [row.field]: row.body });
  const names = CONTENT_FIELDS[type].map((f) => f.name);
  for (const [id, fields] of found) if (!names.every((name) => name in fields)) found.delete(id);
  return found;
}

/** Each item in the reader's language when it has a version, else the original, in the items' order. */
export async function localiseMany(type: ContentType, items: LocalisableItem[], locale: string): Promise<Localised[]> {
  const wanted = items.filter((item) => item.originalLocale !== locale).map((item) => item.id);
  const versions = await versionsOf(type, wanted, locale);
  return items.map((item) => {
    if (item.originalLocale === locale) return { fields: item.fields, lang: locale, fallback: false };
    const version = versions.get(item.id);
    if (version) return { fields: { ...item.fields, ...version }, lang: locale, fallback: false };
    // An empty original has nothing to translate: no note for it.
    const empty = Object.values(item.fields).every((text) => !text.trim());
    return { fields: item.fields, lang: item.originalLocale, fallback: !empty };
  });
}

export async function localise(type: ContentType, item: LocalisableItem, locale: string): Promise<Localised> {
  const [one] = await localiseMany(type, [item], locale);
  return one;
}

/** An event's title and description in the reader's language, or the original's. */
export function localiseEvent(
  event: { id: number; original_locale: string; title: string; description: string },
  locale: string,
): Promise<Localised> {
  return localise(
    "event",
    {
      id: event.id,
      originalLocale: event.original_locale,
      fields: { title: event.title, description: event.description },
    },
    locale,
  );
}

/** One field of an item in a language, for a mail to someone who reads it; the original when it has none. */
export async function textFor(
  type: ContentType,
  id: number,
  field: string,
  locale: string,
  original: string,
): Promise<string> {
  const row = await db
    .selectFrom("content_versions")
    .select("body")
    .where("entity_type", "=", type)
    .where("entity_id", "=", id)
    .where("field", "=", field)
    .where("locale", "=", locale)
    .executeTakeFirst();
  return row?.body ?? original;
}
