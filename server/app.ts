import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { logger } from "../app/features/security/log.server";
import { createPageCache } from "./page-cache";
import type { Config } from "../app/config.server";
import { csvRequestLimit } from "../app/lib/csv-import.server";
import { MAX_IMPORT_BYTES as COALITION_IMPORT_BYTES } from "../app/features/coalition/import.server";
import { MAX_IMPORT_BYTES as LAWMAKER_IMPORT_BYTES } from "../app/features/lawmakers/constants";
import { WEBHOOK_BODY_LIMIT } from "../app/features/campaigns/webhook.server";
import { OSDI_BODY_LIMIT } from "../app/features/osdi/constants";
import { requestContext } from "../app/features/security/request-context.server";
import { PAGE_QUERY_PARAMS } from "./page-query-params";
import { clientHash, createRequestGuards, type BodyRule } from "./request-guards";
import { localeOf } from "./locale";
import { noStoreForPersonalPages } from "./no-store";
import { mountStaticFiles } from "./static-files";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

export interface AppOptions {
  config: Config;
  /** The Remix server build, or a getter that loads it lazily (development). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Express middleware that serves client assets (Vite in development). */
  assets?: express.RequestHandler;
  /** Vite's development server injects inline styles; allow them only then. */
  viteDev?: boolean;
}

/** Routes whose bodies differ from an ordinary form's (at most 1 MB, urlencoded). */
const BODY_RULES: BodyRule[] = [
  {
    paths: ["/coalition/import"],
    limit: csvRequestLimit(COALITION_IMPORT_BYTES),
    types: ["multipart/form-data", "application/x-www-form-urlencoded"],
  },
  {
    paths: ["/lawmakers/import"],
    limit: csvRequestLimit(LAWMAKER_IMPORT_BYTES),
    types: ["multipart/form-data", "application/x-www-form-urlencoded"],
  },
  { paths: ["/webhooks/resend"], limit: WEBHOOK_BODY_LIMIT, types: ["application/json"], fromServers: true },
  // The OSDI API's writes come from other systems with a key in a header (no cookie, no Origin),
  // as JSON of a few kB at most: anything larger is refused before it is read.
  {
    paths: [],
    pattern: /^\/api\/osdi\/v1\//,
    limit: OSDI_BODY_LIMIT,
    types: ["application/json", "application/hal+json"],
    fromServers: true,
  },
];

export function createApp({ config, build, assets, viteDev = false }: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const context: { userId?: number } = {};
    res.on("finish", () => {
      // Paths only: query strings can carry tokens. The user by id and the address by keyed hash:
      // the log holds no e-mail address or IP.
      logger.info({
        msg: "request",
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        user: context.userId,
        client: clientHash(req.ip ?? "unknown", config.appSecret),
      });
    });
    requestContext.run(context, next);
  });

  // Before anything reads the body: its size, its type, and where it comes from.
  app.use(createRequestGuards({ appUrl: config.appUrl, rules: BODY_RULES, localeOf }).guard);

  // Pages, JSON and the map's SVG shrink several times over: it matters on a slow phone connection.
  app.use(compression());

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'self'"],
          "base-uri": ["'self'"],
          "form-action": ["'self'"],
          "frame-ancestors": ["'none'"],
          "frame-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "font-src": ["'self'"],
          "object-src": ["'none'"],
          "style-src": viteDev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
          "script-src": ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          "connect-src": viteDev ? ["'self'", "ws:"] : ["'self'"],
          "upgrade-insecure-requests": config.production ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      frameguard: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: config.production,
    }),
  );

  // The embeddable pages (/embed/…) are the only ones any site may frame: they set no cookie and
  // run no script, and a member organisation puts them in an <iframe> on its own site.
  app.use((req, res, next) => {
    if (req.path.startsWith("/embed/")) {
      res.removeHeader("X-Frame-Options");
      // Chromium also refuses to show a framed document whose resource policy is same-origin.
      res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      const policy = res.getHeader("Content-Security-Policy");
      if (typeof policy === "string") {
        res.setHeader("Content-Security-Policy", policy.replace("frame-ancestors 'none'", "frame-ancestors *"));
      }
    }
    next();
  });

  // A route that sends its own policy (the staff mail preview) replaces the default one instead of
  // adding a second header, which browsers would enforce as well.
  app.use((_req, res, next) => {
    const append = res.append.bind(res);
    res.append = (field: string, value?: string | string[]) =>
      /^(content-security-policy|x-frame-options|referrer-policy)$/i.test(field)
        ? res.set(field, value)
        : append(field, value);
    next();
  });

  app.use(noStoreForPersonalPages);

  // A route path cannot hold a parameter and a suffix in one segment: the feed of one edition,
  // /events/2026.ics, is served by the /events.ics route.
  app.use((req, _res, next) => {
    const edition = /^\/events\/(\d{4})\.ics$/.exec(req.path);
    if (edition && (req.method === "GET" || req.method === "HEAD")) {
      req.url = req.originalUrl = `/events.ics?year=${edition[1]}`;
    }
    next();
  });

  if (config.pageCacheTtlMs > 0 && !viteDev) {
    app.use(
      createPageCache({
        ttlMs: config.pageCacheTtlMs,
        maxBytes: config.pageCacheMaxBytes,
        queryParams: PAGE_QUERY_PARAMS,
        localeOf,
        paths: [
          "/",
          "/threats",
          "/countries",
          "/chapters",
          "/coalition",
          "/letters",
          "/campaigns",
          "/events",
          "/targets",
          "/reports",
          "/embed",
          "/api/v1",
          "/feeds",
        ],
      }).middleware,
    );
  }

  if (assets) {
    app.use(assets);
  } else {
    mountStaticFiles(app, path.resolve("build/client"));
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      // Development mode would send error details to the browser: only with Vite's dev server.
      mode: viteDev ? "development" : "production",
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? "unknown",
      }),
    }),
  );
  return app;
}
