/**
 * The embeddable map: the only page any site may frame (`frame-ancestors *`, no X-Frame-Options),
 * with no script and no cookie, in the language its address asks for; every other page stays
 * unframeable.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer({ PAGE_CACHE_TTL_MS: "5000" });
  client = new Client(server.url, "198.51.100.60");
});
afterAll(() => server.close());

it("may be framed by any site, runs no script and sets no cookie", async () => {
  for (const pass of ["first", "cached"]) {
    const response = await client.get("/embed/threats-map?lang=en");
    expect(response.status, pass).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy, pass).toContain("frame-ancestors *");
    expect(policy, pass).not.toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options"), pass).toBeNull();
    expect(response.headers.get("cross-origin-resource-policy"), pass).toBe("cross-origin");
    expect(response.headers.get("set-cookie"), pass).toBeNull();
    const html = await response.text();
    expect(html, pass).not.toMatch(/<script\b/);
    expect(html, pass).not.toContain('class="site-header"');
    expect(html, pass).toContain("<svg");
    expect(html, pass).toMatch(/target="_blank"/);
  }
});

it("follows ?lang= and not the reader's own language", async () => {
  const fr = await (await client.get("/embed/threats-map?lang=fr", { "Accept-Language": "en" })).text();
  expect(fr).toContain('<html lang="fr"');
  expect(fr).toContain("Ouvrir le suivi des menaces");
  const en = await (await client.get("/embed/threats-map?lang=en", { "Accept-Language": "fr" })).text();
  expect(en).toContain('<html lang="en"');
  expect(en).toContain("Open the threat tracker");
  const es = await (await client.get("/embed/threats-map?lang=es", { "Accept-Language": "fr" })).text();
  expect(es).toContain('<html lang="es"');
  expect(es).toContain("Abrir el seguimiento de amenazas");
  expect(es).toContain("Estados Unidos");
  expect(es).not.toContain("<script");
});

it("leaves every other page unframeable", async () => {
  for (const path of ["/threats/map", "/", "/threats"]) {
    const response = await client.get(path);
    expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-frame-options"), path).toBe("DENY");
    expect(response.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
  }
});

it("offers the snippet to copy on /threats/map", async () => {
  const html = await (await client.get("/threats/map")).text();
  expect(html).toContain(`&lt;iframe src=&quot;${server.url}/embed/threats-map?lang=en&quot;`);
});
