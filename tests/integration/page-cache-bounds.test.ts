/** The page cache's own bounds, on a small Express app that serves pages of a known size. */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "../../server/page-cache";

const servers: Array<import("node:http").Server> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function serve(options: { ttlMs: number; maxBytes: number }) {
  const cache = createPageCache({
    ...options,
    paths: ["/page"],
    queryParams: ["q"],
    localeOf: async (_cookie, header) => (header.startsWith("fr") ? "fr" : "en"),
  });
  const app = express();
  app.use(cache.middleware);
  app.get("/page", (req, res) => res.type("html").send(`${String(req.query.q)}:${"x".repeat(10_000)}`));
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, get: (path: string, headers?: Record<string, string>) => fetch(url + path, { headers }) };
}

describe("page cache bounds", () => {
  it("never holds more bytes than its cap, evicting the oldest pages", async () => {
    const { cache, get } = await serve({ ttlMs: 60_000, maxBytes: 200_000 });
    for (let i = 0; i < 50; i++) await (await get(`/page?q=${i}`)).text();
    expect(cache.bytes()).toBeLessThanOrEqual(200_000);
    expect(cache.size()).toBeGreaterThan(5);
    expect(cache.size()).toBeLessThan(50);
    expect((await get("/page?q=49")).headers.get("x-cache")).toBe("hit");
    expect((await get("/page?q=0")).headers.get("x-cache")).toBeNull();
  });

  it("drops expired pages as new ones arrive", async () => {
    const { cache, get } = await serve({ ttlMs: 1_000, maxBytes: 10_000_000 });
    for (let i = 0; i < 10; i++) await (await get(`/page?q=${i}`)).text();
    expect(cache.size()).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await (await get("/page?q=new")).text();
    expect(cache.size()).toBe(1);
  });

  it("makes no entry for unknown parameters or languages beyond the supported ones", async () => {
    const { cache, get } = await serve({ ttlMs: 60_000, maxBytes: 10_000_000 });
    for (let i = 0; i < 20; i++) await (await get(`/page?v=${i}`)).text();
    for (let i = 0; i < 20; i++) await (await get("/page?q=a", { "Accept-Language": `fr-${i}` })).text();
    expect(cache.size()).toBe(1);
  });
});
