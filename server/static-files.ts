/**
 * The browser's files from the build: `/assets/*` (content-hashed, cached for a year) and the few
 * files at the top of the client folder (favicon, the refusal page's style). Only these paths reach
 * the disk: every other request goes on without a `stat`. Each file is sent as its `.br` or `.gz`
 * twin when the browser accepts one (made at build time, see vite.config.ts), so nothing static is
 * compressed per request.
 */
import fs from "node:fs";
import path from "node:path";
import type express from "express";
import expressStaticGzip from "express-static-gzip";

const PRECOMPRESSED = /\.(br|gz)$/;

function serve(folder: string, maxAge: string, immutable: boolean): express.RequestHandler {
  const handler = expressStaticGzip(folder, {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    index: false,
    serveStatic: { maxAge, immutable, index: false, redirect: false },
  }) as unknown as express.RequestHandler;
  // express-static-gzip lists the folder once and sets the type and encoding before serve-static
  // reads the file: a file gone since (a new build under a running server) falls through with
  // those headers set, and the 404 page would be sent as, say, brotli CSS. Take them back.
  return (req, res, next) =>
    handler(req, res, (error?: unknown) => {
      if (!res.headersSent) {
        res.removeHeader("Content-Type");
        res.removeHeader("Content-Encoding");
      }
      next(error);
    });
}

/** The top-level files of the client build, as request paths ("/favicon.svg"). */
export function topLevelFiles(client: string): string[] {
  if (!fs.existsSync(client)) return [];
  return fs
    .readdirSync(client, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !PRECOMPRESSED.test(entry.name))
    .map((entry) => `/${entry.name}`);
}

export function mountStaticFiles(app: express.Express, client: string): void {
  app.use("/assets", serve(path.join(client, "assets"), "1y", true));
  const files = topLevelFiles(client);
  if (files.length) app.get(files, serve(client, "1h", false));
}
