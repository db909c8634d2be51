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
 * - Entries live a few seconds, and a successful write to the app (a POST that does not fail)
 *   empties the entries of the areas it can change (`page-cache-areas.ts`), so a change is visible
 *   to its author and everyone at once, while signing in or switching language empties nothing.
 * - A hit costs no rendering and no compression: the stored page is kept as sent and compressed
 *   (brotli, gzip) once, on the first hit that asks for each encoding. So the page can be the
 *   same bytes for everyone, its inline scripts are allowed by their SHA-256 hashes instead of the
 *   response's nonce: the stored copy has no nonce, and its policy lists exactly its own scripts.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { areaOf, areasWrittenBy, type Area } from "./page-cache-areas";
import { hasSessionCookie } from "./session-cookie";

type Encoding = "br" | "gzip" | "identity";

interface Entry {
  storedAt: number;
  bytes: number;
  area: Area;
  headers: Array<[string, string]>;
  /** The Content-Security-Policy of a hit, when the page has inline scripts. */
  policy: string | undefined;
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
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

const ENCODINGS: Encoding[] = ["br", "gzip", "identity"];
/** Fast settings: a hit compresses once per entry, but the first hit still waits for it. */
const COMPRESS: Record<Exclude<Encoding, "identity">, (body: Buffer) => Buffer> = {
  br: (body) =>
    zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => zlib.gzipSync(body, { level: 6 }),
};
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
/** Languages seen per cookie and Accept-Language pair, so a hit does not detect them again. */
const LOCALE_MEMO_SIZE = 1_000;
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

/** The page without its nonce, and the policy that allows its inline scripts by hash. */
function withoutNonce(page: string, nonce: string, policy: string): { page: string; policy: string } | null {
  if (!nonce) return { page, policy };
  const stripped = page.split(` nonce="${nonce}"`).join("");
  if (stripped.includes(nonce)) return null;
  const hashes = [...stripped.matchAll(INLINE_SCRIPT)].map(
    ([, source]) => `'sha256-${crypto.createHash("sha256").update(source).digest("base64")}'`,
  );
  const allowed = [...new Set(hashes)].join(" ");
  return { page: stripped, policy: policy.split(`'nonce-${nonce}'`).join(allowed) };
}

export function createPageCache(options: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  const known = new Set(options.queryParams);
  const locales = new Map<string, string>();
  /** Bumped by writes, per area ("*" for all): a page rendered before a write is not stored. */
  const writes = new Map<Area, number>();
  let totalBytes = 0;
  const writeCount = (area: Area) => (writes.get(area) ?? 0) + (writes.get("*") ?? 0);

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

  function clear(areas: Area[] | "all" = "all") {
    if (areas === "all") {
      entries.clear();
      totalBytes = 0;
      return;
    }
    for (const [key, entry] of entries) if (areas.includes(entry.area)) remove(key);
  }

  async function localeFor(cookies: string, acceptLanguage: string): Promise<string> {
    const memo = `${cookies}\n${acceptLanguage}`;
    const seen = locales.get(memo);
    if (seen) return seen;
    const locale = await options.localeOf(cookies, acceptLanguage);
    if (locales.size >= LOCALE_MEMO_SIZE) locales.delete(locales.keys().next().value as string);
    locales.set(memo, locale);
    return locale;
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
    const locale = await localeFor(cookies, String(req.headers["accept-language"] ?? ""));
    return `${req.path}?${params.toString()}\n${locale}`;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") return afterWrites(req, res, next);
    keyFor(req).then(
      (key) => (key ? serve(key, req, res, next) : next()),
      (error: unknown) => next(error),
    );
  }

  function afterWrites(req: Request, res: Response, next: NextFunction) {
    const areas = areasWrittenBy(req.path);
    res.on("finish", () => {
      if (res.statusCode >= 400) return;
      for (const area of areas === "all" ? ["*"] : areas) writes.set(area, (writes.get(area) ?? 0) + 1);
      clear(areas);
    });
    next();
  }

  function bodyFor(entry: Entry, encoding: Encoding): Buffer {
    const ready = entry.bodies[encoding];
    if (ready) return ready;
    const body = COMPRESS[encoding as Exclude<Encoding, "identity">](entry.bodies.identity);
    if (totalBytes + body.length > options.maxBytes) return body;
    entry.bodies[encoding] = body;
    entry.bytes += body.length;
    totalBytes += body.length;
    return body;
  }

  function hit(entry: Entry, req: Request, res: Response) {
    const accepted = req.acceptsEncodings(ENCODINGS);
    const encoding: Encoding = accepted === "br" || accepted === "gzip" ? accepted : "identity";
    const body = bodyFor(entry, encoding);
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (entry.policy) res.setHeader("Content-Security-Policy", entry.policy);
    res.vary("Accept-Encoding");
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", body.length);
    res.setHeader("X-Cache", "hit");
    res.status(200);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  function serve(key: string, req: Request, res: Response, next: NextFunction) {
    const nonce = String(res.locals.cspNonce ?? "");
    const stored = entries.get(key);
    if (stored && Date.now() - stored.storedAt < options.ttlMs) return hit(stored, req, res);
    if (stored) remove(key);
    const area = areaOf(req.path);
    const startedIn = writeCount(area);
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
        writeCount(area) === startedIn &&
        req.method === "GET" &&
        // What the app marks private (a staff draft, a personal page) is never shared.
        !/\b(no-store|private)\b/i.test(String(res.getHeader("cache-control") ?? "")) &&
        captured <= options.maxBytes;
      if (storable) store(key, area, Buffer.concat(chunks), nonce, res);
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response["end"];
    next();
  }

  function store(key: string, area: Area, body: Buffer, nonce: string, res: Response) {
    const policy = String(res.getHeader("content-security-policy") ?? "");
    const html = String(res.getHeader("content-type") ?? "").startsWith("text/html");
    // Only an HTML page is rewritten (its nonce); anything else (a PDF, a CSV) is kept byte for byte.
    const safe = html ? withoutNonce(body.toString("utf8"), nonce, policy) : { page: null, policy };
    if (!safe) return;
    const identity = safe.page === null ? body : Buffer.from(safe.page, "utf8");
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))
      .map(([name, value]): [string, string] => [name, Array.isArray(value) ? value.join(", ") : String(value)]);
    // The headers are small and counted roughly.
    const bytes = key.length * 2 + identity.length + 512;
    if (bytes > options.maxBytes) return;
    remove(key);
    evict(Date.now(), bytes);
    entries.set(key, {
      storedAt: Date.now(),
      bytes,
      area,
      headers,
      policy: html && nonce && policy ? safe.policy : undefined,
      bodies: { identity },
    });
    totalBytes += bytes;
  }

  return { middleware, clear, size: () => entries.size, bytes: () => totalBytes };
}
