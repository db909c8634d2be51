import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("languages", () => {
  it("follows Accept-Language on a first visit", async () => {
    const html = await (
      await new Client(server.url).get("/", { "Accept-Language": "fr-CH, fr;q=0.9, en;q=0.5" })
    ).text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Menaces");
    expect(html).toContain("Se connecter");
  });

  it("answers an unknown address in the reader's language", async () => {
    for (const path of ["/no-such-page", "/threats/no-such-threat"]) {
      const response = await new Client(server.url).get(path, { "Accept-Language": "fr" });
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html, path).toContain('<html lang="fr"');
      expect(html, path).toContain("Page introuvable");
      expect(html, path).toContain("Menaces");
      expect(html, path).not.toContain("Page not found");
    }
  });

  it("falls back to English for a language we do not have", async () => {
    const html = await (await new Client(server.url).get("/", { "Accept-Language": "de-DE" })).text();
    expect(html).toContain('<html lang="en"');
  });

  it("the switcher sets a cookie that wins over the browser's languages and returns to the page", async () => {
    const client = new Client(server.url);
    const response = await client.post("/locale", { locale: "fr", redirectTo: "/chapters" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/chapters");
    const html = await (await client.get("/chapters", { "Accept-Language": "en" })).text();
    expect(html).toContain("Sections");
    expect(html).toContain("Groupe d&#x27;intérêt");
  });

  it("remembers a signed-in person's choice for their e-mails", async () => {
    const client = new Client(server.url, "10.1.1.1");
    await client.login(DEMO.chapter_member);
    await client.post("/locale", { locale: "fr", redirectTo: "/" });
    const user = await db
      .selectFrom("users")
      .select("locale")
      .where("email", "=", DEMO.chapter_member)
      .executeTakeFirstOrThrow();
    expect(user.locale).toBe("fr");
  });

  it("ignores an unknown language and an off-site return address", async () => {
    const response = await new Client(server.url).post("/locale", { locale: "xx", redirectTo: "https://evil.example" });
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.getSetCookie().join()).toMatch(/lng=[^;]+/);
  });
});
