/**
 * A micro-cache for what anonymous visitors read (public pages, the open-data API, feeds): on the
 * awareness day or when an open letter goes viral, thousands of people load the same few pages.
 *
 * - Only GET/HEAD without a session cookie, on the listed public paths, answered 200 with no
 *   Set-Cookie, are stored. The key is the path, the known query parameters (sorted) and the
 *   language the page is rendered in (from the language cookie or Accept-Language, normalised to
 *   the supported set), so nothing a stranger varies at will makes a new entry: a request with a
 *   parameter no page reads is answered by the app and never stored.
 * - The cache holds at most `maxBytes` of pages (oldest evicted first), and expired entries are
 *   dropped as new ones arrive: its memory is bounded whatever the traffic.
 * - Entries live a few seconds, and any successful write to the app (a POST that does not fail)
 *   empties the cache, so a change is visible to its author and everyone at once.
 * - Each page carries a per-response CSP nonce: the stored copy has a placeholder where the nonce
 *   was, and every hit gets the fresh nonce of its own response (set by the CSP middleware).
 */
import type { NextFunction, Request, Response } from "express";
import { hasSessionCookie } from "./session-cookie";

interface Entry {
  storedAt: number;
  bytes: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface PageCacheOptions {
  ttlMs: number;
  /** The most page bytes the cache holds (keys and bodies); the oldest entries go first. */
  maxBytes: number;
  /** Path prefixes that may be cached, e.g. "/threats". "/" matches only the home page. */
  paths: string[];
  /** Query parameters the cached pages read; a request with any other is not cached. */
  queryParams: readonly string[];
  /** The language a request's page is rendered in, from its cookie and Accept-Language headers. */
  localeOf: (cookie: string, acceptLanguage: string) => Promise<string>;
}

const PLACEHOLDER = "\u0000nonce\u0000";
const KEPT_HEADERS = new Set([
  "content-type",
  "cache-control",
  "access-control-allow-origin",
  "content-disposition",
  "vary",
]);
/** A long query string is no page's link: not worth a cache entry. */
const MAX_QUERY_LENGTH = 1_000;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

export function createPageCache(options: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  const known = new Set(options.queryParams);
  let generation = 0;
  let totalBytes = 0;

  const cacheable = (path: string) =>
    options.paths.some((p) =>
      p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`),
    );

  function remove(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    totalBytes -= entry.bytes;
    entries.delete(key);
  }

  function clear() {
    entries.clear();
    totalBytes = 0;
  }

  /** Map order is insertion order, so the oldest (and first to expire) entries come first. */
  function evict(now: number, room: number) {
    for (const [key, entry] of entries) {
      const expired = now - entry.storedAt >= options.ttlMs;
      if (!expired && totalBytes + room <= options.maxBytes) break;
      remove(key);
    }
  }

  async function keyFor(req: Request): Promise<string | null> {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const cookies = req.headers.cookie ?? "";
    if (hasSessionCookie(cookies)) return null;
    if (!cacheable(req.path)) return null;
    const question = req.originalUrl.indexOf("?");
    const query = question === -1 ? "" : req.originalUrl.slice(question + 1);
    if (query.length > MAX_QUERY_LENGTH) return null;
    const params = new URLSearchParams(query);
    for (const name of params.keys()) if (!known.has(name)) return null;
    params.sort();
    const locale = await options.localeOf(cookies, String(req.headers["accept-language"] ?? ""));
    return `${req.path}?${params.toString()}\n${locale}`;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") return afterWrites(res, next);
    keyFor(req).then(
      (key) => (key ? serve(key, req, res, next) : next()),
      (error: unknown) => next(error),
    );
  }

  function afterWrites(res: Response, next: NextFunction) {
    // Any write that succeeds may change what someone reads.
    res.on("finish", () => {
      if (res.statusCode < 400) {
        generation++;
        clear();
      }
    });
    next();
  }

  function serve(key: string, req: Request, res: Response, next: NextFunction) {
    const nonce = String(res.locals.cspNonce ?? "");
    const hit = entries.get(key);
    if (hit && Date.now() - hit.storedAt < options.ttlMs) {
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Cache", "hit");
      res.status(200);
      res.end(req.method === "HEAD" ? undefined : hit.body.split(PLACEHOLDER).join(nonce));
      return;
    }
    if (hit) remove(key);
    const startedIn = generation;
    const chunks: Buffer[] = [];
    let captured = 0;
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    const capture = (chunk: unknown) => {
      // A page larger than the whole cache is passed through without being kept.
      if (captured > options.maxBytes) return;
      const buffer = toBuffer(chunk);
      captured += buffer.length;
      if (captured <= options.maxBytes) chunks.push(buffer);
      else chunks.length = 0;
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") capture(chunk);
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") capture(chunk);
      const storable =
        res.statusCode === 200 &&
        !res.getHeader("set-cookie") &&
        generation === startedIn &&
        req.method === "GET" &&
        captured <= options.maxBytes;
      if (storable) store(key, Buffer.concat(chunks).toString("utf8"), nonce, res);
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response["end"];
    next();
  }

  function store(key: string, page: string, nonce: string, res: Response) {
    const body = nonce ? page.split(nonce).join(PLACEHOLDER) : page;
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))
      .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
    // JavaScript strings take two bytes a character; the headers are small and counted roughly.
    const bytes = (key.length + body.length) * 2 + 512;
    if (bytes > options.maxBytes) return;
    remove(key);
    evict(Date.now(), bytes);
    entries.set(key, { storedAt: Date.now(), bytes, headers, body });
    totalBytes += bytes;
  }

  return { middleware, clear, size: () => entries.size, bytes: () => totalBytes };
}
