import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PAGE_CACHE_TTL_MS: "60000" });
});
afterAll(() => server.close());

const nonceOf = (response: Response) =>
  /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("micro-cache of public pages", () => {
  it("serves the second anonymous view from the cache, with a fresh nonce that matches its own policy", async () => {
    const visitor = new Client(server.url);
    const first = await visitor.get("/threats?q=cache");
    const firstHtml = await first.text();
    const second = await visitor.get("/threats?q=cache");
    const secondHtml = await second.text();
    expect(second.headers.get("x-cache")).toBe("hit");
    const [n1, n2] = [nonceOf(first), nonceOf(second)];
    expect(n1).toBeTruthy();
    expect(n2).not.toBe(n1);
    expect(secondHtml).toContain(`nonce="${n2}"`);
    expect(secondHtml).not.toContain(n1!);
    expect(secondHtml.replaceAll(n2!, "N")).toBe(firstHtml.replaceAll(n1!, "N"));
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
