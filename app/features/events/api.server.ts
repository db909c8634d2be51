/** The open-data contract of `GET /api/v1/events`: approved events only, fields picked one by one. */
import { z } from "zod";
import { loadConfig } from "~/config.server";
import type { ApiEvent, ApiEventList } from "~/features/events/api-schemas";
import { EVENT_KINDS } from "~/features/events/constants";
import { editionForYear } from "~/features/events/editions.server";
import { listApprovedEvents } from "~/features/events/public.server";
import { parseStrictParams } from "~/lib/api-params";
import { SUPPORTED_LOCALES } from "~/i18n/config";

export const API_MAX_PER_PAGE = 100;
export const API_DEFAULT_PER_PAGE = 25;

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

/** The query parameters of `GET /api/v1/events` (the OpenAPI document is generated from them too). */
export const EventApiFiltersSchema = z.object({
  edition: optional(z.coerce.number().int().min(2000).max(2100)).describe(
    "Events of the Global Encryption Day of this year.",
  ),
  kind: optional(z.enum(EVENT_KINDS)).describe("Events of this kind."),
  jurisdiction: optional(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "must be an ISO 3166-1 alpha-2 code, EU or INT"),
  ).describe("Events in this jurisdiction: an ISO 3166-1 alpha-2 code, EU or INT (any case)."),
  online: optional(z.enum(["true", "false"])).describe("`true`: online events only; `false`: in person only."),
  page: optional(z.coerce.number().int().min(1).max(100_000)).describe("The page to answer, from 1."),
  per_page: optional(z.coerce.number().int().min(1).max(API_MAX_PER_PAGE)).describe(
    `How many events a page holds (default ${API_DEFAULT_PER_PAGE}).`,
  ),
  lang: optional(z.enum(SUPPORTED_LOCALES)).describe(
    "The language of the titles: a version in it when there is one, else the original (default: Accept-Language).",
  ),
});
type ApiFilters = z.infer<typeof EventApiFiltersSchema>;
/** Strict: unknown or bad parameters are named. Repeated parameters take the first value. */
export function parseEventApiParams(params: URLSearchParams) {
  return parseStrictParams(EventApiFiltersSchema, params);
}

/** `locale`: the reader's language, when `lang` does not name one (Accept-Language). */
export async function apiEventList(filters: ApiFilters, locale?: string): Promise<ApiEventList> {
  const page = filters.page ?? 1;
  const perPage = filters.per_page ?? API_DEFAULT_PER_PAGE;
  let editionId: number | null = null;
  if (filters.edition !== undefined) {
    const edition = await editionForYear(filters.edition);
    if (!edition) return { data: [], meta: { page, per_page: perPage, total: 0 } };
    editionId = edition.id;
  }
  const online = filters.online === undefined ? undefined : filters.online === "true" ? "yes" : "no";
  const { rows, total } = await listApprovedEvents(
    editionId,
    { kind: filters.kind, jurisdiction: filters.jurisdiction, online },
    page,
    perPage,
    filters.lang ?? locale,
  );
  const { appUrl } = loadConfig();
  const data: ApiEvent[] = rows.map((row) => ({
    id: row.id,
    title: row.title,
    title_language: row.title_lang,
    kind: row.kind,
    jurisdiction: row.jurisdiction_code,
    city: row.city,
    online: row.online === 1,
    starts_at: row.starts_at,
    ends_at: row.ends_at,
    timezone: row.timezone,
    url: `${appUrl}/events/${row.slug}`,
  }));
  return { data, meta: { page, per_page: perPage, total } };
}
