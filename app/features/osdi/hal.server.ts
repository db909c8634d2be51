/**
 * HAL+JSON for the OSDI API: the answers, their links and the collection shape OSDI 1.1 defines
 * (total_pages, per_page, page, total_records, _links with self/next/prev and the resource's
 * `osdi:` array, `_embedded`). Serialisers elsewhere pick fields one by one.
 */
import { loadConfig } from "~/config.server";
import type { CollectionQuery } from "~/features/osdi/query";

export const OSDI_PATH = "/api/osdi/v1";
export const OSDI_CONTENT_TYPE = "application/hal+json";
/** The prefix of every identifier this system gives out: `hub:<id>`. */
export const OSDI_SYSTEM = "hub";
export const ORIGIN_SYSTEM = "Encryption Advocacy Hub";

export type HalLink = { href: string; templated?: boolean; title?: string };
export type HalLinks = Record<string, HalLink | HalLink[]>;

export function osdiUrl(path = ""): string {
  return `${loadConfig().appUrl}${OSDI_PATH}${path}`;
}

export function link(path: string): HalLink {
  return { href: osdiUrl(path) };
}

export function curies(): HalLink[] {
  return [{ name: "osdi", href: "https://opensupporter.github.io/osdi-docs/{rel}", templated: true } as HalLink];
}

/** `hub:<id>` (and nothing else: the hub keeps no foreign identifiers). */
export function identifiers(id: string | number): string[] {
  return [`${OSDI_SYSTEM}:${id}`];
}

/** Public answers may be cached a minute and read from any origin; personal ones never. */
export function halJson(body: unknown, options: { status?: number; personal?: boolean } = {}): Response {
  const status = options.status ?? 200;
  const headers: Record<string, string> = {
    "Content-Type": `${OSDI_CONTENT_TYPE}; charset=utf-8`,
    "Cache-Control": options.personal || status >= 400 ? "no-store" : "public, max-age=60",
  };
  if (!options.personal) headers["Access-Control-Allow-Origin"] = "*";
  if (options.personal) headers.Vary = "OSDI-API-Token";
  return new Response(JSON.stringify(body), { status, headers });
}

/** An OSDI error: a status, a short code and a sentence; `errors` names bad fields or parameters. */
export function halError(
  status: number,
  error: string,
  message: string,
  errors?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  const response = halJson(errors ? { error, message, errors } : { error, message }, { status });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const halNotFound = () => halError(404, "not_found", "No such resource.");

export function invalidParameters(errors: Record<string, string>): Response {
  return halError(400, "invalid_parameters", "Some query parameters are not valid.", errors);
}

/** ISO 8601 without milliseconds, as OSDI's examples write dates. */
export function osdiDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A collection page in OSDI's shape; `path` is the collection's path under the API. */
export function collection(
  resource: string,
  path: string,
  query: CollectionQuery,
  total: number,
  items: Array<Record<string, unknown> & { _links: { self: HalLink } }>,
  filterParam?: string,
): Record<string, unknown> {
  const totalPages = Math.max(1, Math.ceil(total / query.perPage));
  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (filterParam) params.set("filter", filterParam);
    if (query.perPage !== 25) params.set("per_page", String(query.perPage));
    if (page !== 1) params.set("page", String(page));
    const search = params.toString();
    return { href: osdiUrl(path) + (search ? `?${search}` : "") };
  };
  const links: HalLinks = { self: pageHref(query.page) };
  if (query.page < totalPages) links.next = pageHref(query.page + 1);
  if (query.page > 1) links.prev = pageHref(Math.min(query.page - 1, totalPages));
  links[`osdi:${resource}`] = items.map((item) => item._links.self);
  links.curies = curies();
  return {
    total_pages: totalPages,
    per_page: query.perPage,
    page: query.page,
    total_records: total,
    _links: links,
    _embedded: { [`osdi:${resource}`]: items },
  };
}

/** Strips undefined values, so that absent fields are left out as OSDI asks. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
