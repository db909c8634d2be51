/**
 * A micro-cache for what anonymous visitors read (public pages, the open-data API, feeds): on the
 * awareness day or when an open letter goes viral, thousands of people load the same few pages.
 *
 * - Only GET/HEAD without a session cookie, on the listed public paths, answered 200 with no
 *   Set-Cookie, are stored; the key includes the language cookie and Accept-Language.
 * - Entries live a few seconds, and any successful write to the app (a POST that does not fail)
 *   empties the cache, so a change is visible to its author and everyone at once.
 * - Each page carries a per-response CSP nonce: the stored copy has a placeholder where the nonce
 *   was, and every hit gets the fresh nonce of its own response (set by the CSP middleware).
 */
import type { NextFunction, Request, Response } from "express";

interface Entry {
  storedAt: number;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface PageCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /** Path prefixes that may be cached, e.g. "/threats". "/" matches only the home page. */
  paths: string[];
}

const PLACEHOLDER = "\u0000nonce\u0000";
const KEPT_HEADERS = new Set([
  "content-type",
  "cache-control",
  "access-control-allow-origin",
  "content-disposition",
  "vary",
]);

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk));
}

export function createPageCache(options: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  let generation = 0;

  const cacheable = (path: string) =>
    options.paths.some((p) =>
      p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}.`),
    );

  function keyFor(req: Request): string | null {
    if (req.method !== "GET" && req.method !== "HEAD") return null;
    const cookies = req.headers.cookie ?? "";
    if (/(?:^|;\s*)hub_session=/.test(cookies)) return null;
    if (!cacheable(req.path)) return null;
    const lng = /(?:^|;\s*)lng=([^;]*)/.exec(cookies)?.[1] ?? "";
    return `${req.originalUrl}\n${lng}\n${req.headers["accept-language"] ?? ""}`;
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      // Any write that succeeds may change what someone reads.
      res.on("finish", () => {
        if (res.statusCode < 400) {
          generation++;
          entries.clear();
        }
      });
      return next();
    }
    const key = keyFor(req);
    if (!key) return next();
    const nonce = String(res.locals.cspNonce ?? "");
    const hit = entries.get(key);
    if (hit && Date.now() - hit.storedAt < options.ttlMs) {
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Cache", "hit");
      res.status(hit.status);
      res.end(req.method === "HEAD" ? undefined : hit.body.split(PLACEHOLDER).join(nonce));
      return;
    }
    const startedIn = generation;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(toBuffer(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function") chunks.push(toBuffer(chunk));
      const storable =
        res.statusCode === 200 && !res.getHeader("set-cookie") && generation === startedIn && req.method === "GET";
      if (storable) {
        if (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
        const body = Buffer.concat(chunks).toString("utf8");
        entries.set(key, {
          storedAt: Date.now(),
          status: 200,
          headers: Object.entries(res.getHeaders())
            .filter(([name]) => KEPT_HEADERS.has(name.toLowerCase()))
            .map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : String(value)]),
          body: nonce ? body.split(nonce).join(PLACEHOLDER) : body,
        });
      }
      return (end as (...args: unknown[]) => Response)(chunk, ...rest);
    }) as Response["end"];
    next();
  }

  return { middleware, clear: () => entries.clear(), size: () => entries.size };
}
