import crypto from "node:crypto";
import http from "node:http";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PAGE_CACHE_TTL_MS: "60000" });
});
afterAll(() => server.close());

/** A GET whose body stays as sent (fetch would decompress it). */
function rawGet(path: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = http.get(
      server.url + path,
      { headers: { "Accept-Encoding": acceptEncoding, "X-Forwarded-For": "10.4.0.20" } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on("error", reject);
  });
}

const nonceOf = (response: Response) =>
  /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("micro-cache of public pages", () => {
  it("keeps a Spanish and an English copy of a page apart, each preloading its own language's chunk", async () => {
    const chunk = (html: string) => /<link rel="modulepreload" href="\/assets\/(en|fr|es)-[\w-]+\.js"/.exec(html)?.[1];
    const spanish = new Client(server.url, "10.4.0.31");
    const english = new Client(server.url, "10.4.0.32");
    await spanish.get("/threats?q=cache-es", { "Accept-Language": "es-MX" });
    await english.get("/threats?q=cache-es", { "Accept-Language": "en" });
    const es = await spanish.get("/threats?q=cache-es", { "Accept-Language": "es-419" });
    const en = await english.get("/threats?q=cache-es", { "Accept-Language": "en-GB" });
    expect(es.headers.get("x-cache")).toBe("hit");
    expect(en.headers.get("x-cache")).toBe("hit");
    const [esHtml, enHtml] = [await es.text(), await en.text()];
    expect(esHtml).toContain('<html lang="es"');
    expect(chunk(esHtml)).toBe("es");
    expect(enHtml).toContain('<html lang="en"');
    expect(chunk(enHtml)).toBe("en");
    expect(es.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("serves the second anonymous view from the cache, its inline scripts allowed by hash, not by a nonce", async () => {
    const visitor = new Client(server.url);
    const first = await visitor.get("/threats?q=cache");
    const firstHtml = await first.text();
    const second = await visitor.get("/threats?q=cache");
    const secondHtml = await second.text();
    expect(second.headers.get("x-cache")).toBe("hit");
    const n1 = nonceOf(first);
    expect(n1).toBeTruthy();
    // The stored page is the same bytes for everyone: no nonce, neither the first one nor a new one.
    const policy = second.headers.get("content-security-policy") ?? "";
    expect(policy).not.toContain("'nonce-");
    expect(secondHtml).not.toContain(n1!);
    expect(secondHtml).not.toContain("nonce=");
    expect(secondHtml).toBe(firstHtml.replaceAll(` nonce="${n1}"`, ""));
    // Exactly its inline scripts are allowed, each by its SHA-256.
    const inline = [...secondHtml.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(1);
    const allowed = /script-src ([^;]+)/
      .exec(policy)![1]
      .split(" ")
      .filter((s) => s.startsWith("'sha256-"));
    const hashes = inline.map((source) => `'sha256-${crypto.createHash("sha256").update(source).digest("base64")}'`);
    expect(new Set(allowed)).toEqual(new Set(hashes));
    expect(policy).toContain("script-src 'self'");
  });

  it("sends a hit compressed as the browser asks, compressing each entry once", async () => {
    const visitor = new Client(server.url);
    await (await visitor.get("/letters")).text();
    const plain = await rawGet("/letters", "identity");
    expect(plain.headers["x-cache"]).toBe("hit");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (const [encoding, decode] of [
      ["br", zlib.brotliDecompressSync],
      ["gzip", zlib.gunzipSync],
    ] as const) {
      const once = await rawGet("/letters", `${encoding}, identity`);
      const again = await rawGet("/letters", `${encoding}, identity`);
      expect(once.headers["content-encoding"]).toBe(encoding);
      expect(once.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(once.headers["content-length"])).toBe(once.body.length);
      expect(decode(once.body).toString("utf8")).toBe(plain.body.toString("utf8"));
      // The same stored bytes, not a second compression (which would be equal too, but is not shared).
      expect(again.body.equals(once.body)).toBe(true);
    }
  });

  it("empties only what a write can change: signing in or switching language keeps the pages", async () => {
    const anonymous = new Client(server.url, "10.4.0.9");
    await (await anonymous.get("/letters?q=areas")).text();
    await (await anonymous.get("/coalition?q=areas")).text();
    const switched = await anonymous.post("/locale", { locale: "fr", redirectTo: "/" });
    expect(switched.status).toBeLessThan(400);
    const staff = new Client(server.url, "10.4.0.10");
    await staff.login(DEMO.staff);
    const other = new Client(server.url, "10.4.0.11");
    expect((await other.get("/letters?q=areas")).headers.get("x-cache")).toBe("hit");
    expect((await other.get("/coalition?q=areas")).headers.get("x-cache")).toBe("hit");
    const created = await staff.post("/threats/new", {
      jurisdiction: "FR",
      kind: "bill",
      title: "Areas law",
      categories: "encryption",
      severity: "high",
      firstSeenOn: "2026-01-01",
    });
    expect(created.status).toBe(302);
    // A threat changes the threat pages and the summaries, not the letters.
    expect((await other.get("/letters?q=areas")).headers.get("x-cache")).toBe("hit");
    await (await other.get("/threats?q=Areas")).text();
    expect(await (await other.get("/threats?q=Areas")).text()).toContain("Areas law");
  });

  it("keeps languages apart", async () => {
    const fr = await (await new Client(server.url).get("/chapters", { "Accept-Language": "fr" })).text();
    const en = await (await new Client(server.url).get("/chapters", { "Accept-Language": "en" })).text();
    expect(fr).toContain('lang="fr"');
    expect(en).toContain('lang="en"');
  });

  it("never caches for signed-in people, and any write empties it", async () => {
    const staff = new Client(server.url, "10.4.0.1");
    await staff.login(DEMO.staff);
    const anonymous = new Client(server.url);
    await anonymous.get("/threats?q=fresh");
    expect((await anonymous.get("/threats?q=fresh")).headers.get("x-cache")).toBe("hit");
    expect((await staff.get("/threats?q=fresh")).headers.get("x-cache")).toBeNull();
    const created = await staff.post("/threats/new", {
      jurisdiction: "DE",
      kind: "bill",
      title: "Fresh scanning law",
      categories: "encryption",
      severity: "high",
      firstSeenOn: "2026-01-01",
    });
    expect(created.status).toBe(302);
    const after = await anonymous.get("/threats?q=fresh");
    expect(after.headers.get("x-cache")).toBeNull();
    expect(await after.text()).toContain("Fresh scanning law");
  });

  it("does not cache answers that set cookies or are not 200", async () => {
    const anonymous = new Client(server.url);
    await anonymous.get("/countries/XX");
    expect((await anonymous.get("/countries/XX")).status).toBe(404);
    expect((await anonymous.get("/countries/XX")).headers.get("x-cache")).toBeNull();
    expect(await db.selectFrom("threats").select("id").limit(1).execute()).toHaveLength(1);
  });
});

describe("what a stranger varies cannot grow the cache", () => {
  it("does not cache a URL with a parameter no page reads, and sorts the known ones", async () => {
    const visitor = new Client(server.url);
    await visitor.get("/threats?v=1");
    expect((await visitor.get("/threats?v=1")).headers.get("x-cache")).toBeNull();
    await visitor.get("/threats?q=order&page=1");
    expect((await visitor.get("/threats?page=1&q=order")).headers.get("x-cache")).toBe("hit");
  });

  it("keys the language as the page is rendered, not the header as sent", async () => {
    const visitor = new Client(server.url);
    await visitor.get("/coalition", { "Accept-Language": "fr" });
    const variant = await visitor.get("/coalition", { "Accept-Language": "fr-CA,fr;q=0.9,x-bogus-1;q=0.1" });
    expect(variant.headers.get("x-cache")).toBe("hit");
    expect(await variant.text()).toContain('lang="fr"');
    const other = await visitor.get("/coalition", { "Accept-Language": "x-nonsense-42" });
    expect(await other.text()).toContain('lang="en"');
  });
});
