/** The public side: an edition's approved events, filtered, and their counts per country. */
import { db } from "~db/connection";
import { PUBLIC_PER_PAGE } from "~/features/events/constants";
import type { EventFilters } from "~/features/events/filters";
import { localiseMany } from "~/features/translations/localise.server";

function approvedIn(editionId: number | null, filters: EventFilters) {
  let query = db.selectFrom("events").where("events.status", "=", "approved");
  if (editionId !== null) query = query.where("events.edition_id", "=", editionId);
  if (filters.kind) query = query.where("events.kind", "=", filters.kind);
  if (filters.jurisdiction) query = query.where("events.jurisdiction_code", "=", filters.jurisdiction);
  if (filters.online) query = query.where("events.online", "=", filters.online === "yes" ? 1 : 0);
  return query;
}

/**
 * One page of approved events (all editions when `editionId` is null), by start time. With a
 * reader's `locale`, titles are in that language's version when there is one; `title_lang` says
 * which language each title is in.
 */
export async function listApprovedEvents(
  editionId: number | null,
  filters: EventFilters,
  page: number,
  perPage = PUBLIC_PER_PAGE,
  locale?: string,
) {
  const [rows, count] = await Promise.all([
    approvedIn(editionId, filters)
      .select([
        "events.id",
        "events.slug",
        "events.title",
        "events.kind",
        "events.organiser_name",
        "events.jurisdiction_code",
        "events.city",
        "events.online",
        "events.starts_at",
        "events.ends_at",
        "events.timezone",
        "events.original_locale",
      ])
      .orderBy("events.starts_at", "asc")
      .orderBy("events.id", "asc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    approvedIn(editionId, filters)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const shown = locale
    ? await localiseMany(
        "event",
        rows.map((row) => ({ id: row.id, originalLocale: row.original_locale, fields: { title: row.title } })),
        locale,
      )
    : null;
  return {
    rows: rows.map((row, index) => ({
      ...row,
      title: shown ? shown[index].fields.title : row.title,
      title_lang: shown ? shown[index].lang : row.original_locale,
    })),
    total: Number(count.n),
  };
}

/** Approved events per jurisdiction in an edition, for the map. */
export async function eventCountsByJurisdiction(editionId: number) {
  const rows = await db
    .selectFrom("events")
    .select((eb) => ["jurisdiction_code", eb.fn.countAll<number>().as("n")])
    .where("edition_id", "=", editionId)
    .where("status", "=", "approved")
    .groupBy("jurisdiction_code")
    .execute();
  return rows.map((row) => ({ code: row.jurisdiction_code, events: Number(row.n) }));
}
