/**
 * Static files: a file that disappears under a running server (a new build) falls through to the
 * app's 404 without the type and encoding the static handler had already set for it.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { mountStaticFiles } from "../../server/static-files";

let dir: string;
let server: import("node:http").Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-static-"));
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "assets", "kept.css"), "body{}");
  fs.writeFileSync(path.join(dir, "assets", "kept.css.br"), "brotli");
  fs.writeFileSync(path.join(dir, "assets", "gone.css"), "body{}");
  fs.writeFileSync(path.join(dir, "assets", "gone.css.br"), "brotli");
  const app = express();
  mountStaticFiles(app, dir);
  // As Remix's adapter sends its answer: appending the type.
  app.use((_req, res) => {
    res.status(404);
    res.append("Content-Type", "text/html; charset=utf-8");
    res.end("<p>Not found</p>");
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("serves a file as its brotli twin", async () => {
  const res = await fetch(`${base}/assets/kept.css`, { headers: { "Accept-Encoding": "br" } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-encoding")).toBe("br");
  expect(res.headers.get("content-type")).toContain("text/css");
});

it("answers the app's 404, as HTML, for a file removed since the server started", async () => {
  fs.rmSync(path.join(dir, "assets", "gone.css"));
  fs.rmSync(path.join(dir, "assets", "gone.css.br"));
  const res = await fetch(`${base}/assets/gone.css`, { headers: { "Accept-Encoding": "br" } });
  expect(res.status).toBe(404);
  expect(res.headers.get("content-encoding")).toBeNull();
  expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(await res.text()).toBe("<p>Not found</p>");
});
