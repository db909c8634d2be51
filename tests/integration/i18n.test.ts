import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";
import { ROOT } from "../support/paths";

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

  it("chooses Spanish for every Spanish variant of Accept-Language", async () => {
    for (const header of ["es", "es-ES", "es-419", "es-MX", "es-AR, es;q=0.9, en;q=0.5"]) {
      const html = await (await new Client(server.url).get("/", { "Accept-Language": header })).text();
      expect(html, header).toContain('<html lang="es"');
      expect(html, header).toContain("Defienda el cifrado. Mantenga Internet abierta.");
      expect(html, header).toContain("Iniciar sesión");
    }
    const english = await (await new Client(server.url).get("/", { "Accept-Language": "en-US, es;q=0.5" })).text();
    expect(english).toContain('<html lang="en"');
  });

  it("names countries and writes dates in Spanish", async () => {
    const html = await (await new Client(server.url).get("/threats", { "Accept-Language": "es" })).text();
    expect(html).toContain("Estados Unidos");
    expect(html).toContain("Foros internacionales (ONU, UIT)");
    // The loader data (in a script) carries the table's English and French names; the page shows neither.
    expect(html.replace(/<script[\s\S]*?<\/script>/g, "")).not.toContain("United States of America");
    const country = await (await new Client(server.url).get("/countries/DE", { "Accept-Language": "es" })).text();
    expect(country).toContain("Alemania");
    // "4 dic 2026": Spanish month abbreviations, day first.
    expect(html).toMatch(/\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}/);
  });

  it("preloads the page's language chunk only, a file of the client build", async () => {
    const chunkOf = (html: string) =>
      [...html.matchAll(/<link rel="modulepreload" href="(\/assets\/(en|fr|es)-[\w-]+\.js)"/g)].map((m) => m[1]);
    const chunks: Record<string, string[]> = {};
    for (const locale of ["en", "fr", "es"]) {
      const html = await (await new Client(server.url).get("/", { "Accept-Language": locale })).text();
      chunks[locale] = chunkOf(html);
      expect(chunks[locale], locale).toHaveLength(1);
      expect(chunks[locale][0], locale).toMatch(new RegExp(`^/assets/${locale}-`));
      expect(fs.existsSync(path.join(ROOT, "build/client", chunks[locale][0])), locale).toBe(true);
    }
    // The chunk is served, holds that language's strings and none of another's.
    const spanish = await (await new Client(server.url).get(chunks.es[0])).text();
    expect(spanish).toContain("Defienda el cifrado");
    expect(spanish).not.toContain("Defend encryption. Keep the Internet open.");
    expect(spanish).not.toContain("Défendre le chiffrement");
    // The entry script loads chunks, it holds none of the strings itself.
    const home = await (await new Client(server.url).get("/", { "Accept-Language": "es" })).text();
    const entry =
      /import\("(\/assets\/entry\.client-[\w-]+\.js)"\)|<link rel="modulepreload" href="(\/assets\/entry\.client-[\w-]+\.js)"/.exec(
        home,
      );
    expect(entry).not.toBeNull();
    const entryScript = await (await new Client(server.url).get((entry?.[1] ?? entry?.[2]) as string)).text();
    expect(entryScript).not.toContain("Defienda el cifrado");
    expect(entryScript).not.toContain("Defend encryption. Keep the Internet open.");
  });

  it("sends a Spanish reader's confirmation e-mail in Spanish", async () => {
    const letter = await db
      .selectFrom("open_letters")
      .select("slug")
      .where("status", "=", "open")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const email = `lucia.${Date.now().toString(36)}@example.org`;
    const visitor = new Client(server.url, "10.1.2.3");
    const response = await visitor.post(
      `/letters/${letter.slug}/sign`,
      { intent: "individual", name: "Lucía Pérez", jurisdiction: "MX", email, showPublicly: "on" },
      { "Accept-Language": "es-MX" },
    );
    expect(response.status).toBeLessThan(400);
    const mail = await lastMailTo(email);
    expect(mail?.locale).toBe("es");
    expect(mail?.subject).toMatch(/^Confirme su firma: /);
    expect(mail?.text).toContain("Gracias por firmar la carta abierta");
    expect(mail?.text).toContain("Confirmar mi firma");
    expect(mail?.html).toContain('lang="es"');
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

  it("the switcher offers Spanish and switches to it", async () => {
    const client = new Client(server.url);
    const page = await (await client.get("/threats")).text();
    expect(page).toMatch(/<option value="es" lang="es">Español<\/option>/);
    await client.post("/locale", { locale: "es", redirectTo: "/threats" });
    const html = await (await client.get("/threats", { "Accept-Language": "fr" })).text();
    expect(html).toContain('<html lang="es"');
    expect(html).toContain("Filtrar las amenazas");
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
