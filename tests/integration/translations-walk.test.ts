/**
 * Every HTML page, in English, French and Spanish, read as a person reads it: no raw translation
 * key (`country.lead`, `threats:outcome.open`), no i18next placeholder left in (`{{`), and on a
 * French or Spanish page no English interface text (every English value longer than 12 characters
 * that differs from its value in that language). The pages are the route matrix's (one concrete path per route, its objects
 * made by the areas' setup), each fetched as the first role that may see it.
 */
import type { ChildNode } from "domhandler";
import { parseDocument } from "htmlparser2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db } from "../../db/connection";
import { resources } from "../../app/i18n/resources.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import type { MatrixArea, Who } from "./route-matrix/expectations";

const AREAS = Object.values(
  import.meta.glob<MatrixArea>("./route-matrix/*.matrix.ts", { eager: true, import: "area" }),
);
const MATRIX: Record<string, { path: string; expect: Record<Who, number> }> = Object.assign(
  {},
  ...AREAS.map((a) => a.entries),
);

/** Who reads each page: the public first, then the roles with the widest view of their own pages. */
const READERS: Who[] = ["anonymous", "chapter_lead", "coalition_member", "chapter_member", "staff", "admin"];

/**
 * Pages whose body is content rather than interface: an e-mail as it was sent (in its recipient's
 * language). Their header and footer are still checked through the other pages.
 */
const CONTENT_PAGES = new Set(["routes/staff.mail.$id_.html"]);

/**
 * Elements that hold no interface text: scripts and styles, code (audit action names, template
 * variables) and text areas (what a person writes, or a stored template).
 */
const SKIPPED = new Set(["script", "style", "code", "textarea"]);

type Tree = Record<string, unknown>;

function flatten(tree: Tree, prefix = ""): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[prefix + key, value] as [string, string]]
      : flatten(value as Tree, `${prefix}${key}.`),
  );
}

const en = resources.en as unknown as Record<string, Tree>;
const namespaces = Object.keys(en);
/** The languages whose pages must show no English interface text. */
const TRANSLATED = ["fr", "es"] as const;
const LOCALES = ["en", ...TRANSLATED] as const;

/** Every key, as `ns:key` and bare `key`, plural suffixes dropped (what a missing `t()` would show). */
const KEYS = new Set<string>();
const TOP_LEVEL = new Set<string>();
for (const ns of namespaces) {
  for (const [key] of flatten(en[ns])) {
    const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
    KEYS.add(base);
    KEYS.add(`${ns}:${base}`);
  }
  for (const key of Object.keys(en[ns])) TOP_LEVEL.add(key);
}

/**
 * The English interface strings that must not show on a page in another language: the static
 * parts of every English value (placeholders and markup tags cut out) longer than 12 characters,
 * when that language's value differs. E-mail templates are not pages.
 */
function englishNotIn(locale: (typeof TRANSLATED)[number]): Array<{ key: string; text: string }> {
  const found: Array<{ key: string; text: string }> = [];
  const target = resources[locale] as unknown as Record<string, Tree>;
  for (const ns of namespaces.filter((n) => n !== "email")) {
    const translated = new Map(flatten(target[ns]));
    for (const [key, value] of flatten(en[ns])) {
      if (translated.get(key) === value) continue;
      for (const part of value.split(/\{\{[^}]*\}\}|<\/?\d+>|<\/?\w+\s*\/?>|\$t\([^)]*\)/)) {
        const text = part.trim();
        if (text.length > 12 && !(translated.get(key) ?? "").includes(text)) found.push({ key: `${ns}:${key}`, text });
      }
    }
  }
  return found;
}
const ENGLISH = { fr: englishNotIn("fr"), es: englishNotIn("es") };

const VISIBLE_ATTRIBUTES = ["aria-label", "placeholder", "title", "alt"];

/**
 * The text a person reads or hears: element text (scripts and styles aside) and labelling
 * attributes. With `locale`, text marked as another language (`lang="en"` on a French page: the
 * API reference's descriptions, which are in English and say so) is cut out, as user content is.
 */
function visibleText(html: string, locale?: string): string {
  const parts: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") parts.push(node.data);
      else if (node.type === "tag") {
        if (SKIPPED.has(node.name)) continue;
        const lang = node.attribs.lang?.split("-")[0];
        if (locale && lang && lang !== locale) {
          parts.push(" ¶ ");
          continue;
        }
        for (const attribute of VISIBLE_ATTRIBUTES) if (node.attribs[attribute]) parts.push(node.attribs[attribute]);
        if (node.name === "input" && ["submit", "button"].includes(node.attribs.type ?? "") && node.attribs.value)
          parts.push(node.attribs.value);
        walk(node.children);
        parts.push(" ");
      }
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children);
  return parts.join(" ").replace(/\s+/g, " ");
}

/** Raw keys: `ns:a.b` with a known namespace, or `a.b` that is a key of the locale files. */
function rawKeys(text: string): string[] {
  const found = new Set<string>();
  for (const [candidate] of text.matchAll(/(?<![\w@./:-])[a-z][\w-]*(?::[\w-]+)?(?:\.[\w-]+)+(?![\w/-]|\.\w)/gi)) {
    const [head] = candidate.split(/[.:]/);
    const namespaced = candidate.includes(":") && namespaces.includes(head);
    if (namespaced || KEYS.has(candidate) || (TOP_LEVEL.has(head) && /^[a-z]+(\.[a-zA-Z]+)+$/.test(candidate)))
      found.add(candidate);
  }
  for (const [candidate] of text.matchAll(/(?<![\w@./-])[a-z]+:[a-z][\w]*(?:\.[\w]+)*(?![\w/])/gi)) {
    if (namespaces.includes(candidate.split(":")[0])) found.add(candidate);
  }
  return [...found];
}

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * User content, which is in the language its author wrote it in (the demo data is in English):
 * every text value of every table, longest first, cut out of a page before its French is checked.
 */
async function userContent(): Promise<string[]> {
  const values = new Set<string>();
  for (const table of await db.introspection.getTables()) {
    const columns = table.columns.filter((c) => /text|char|clob/i.test(c.dataType)).map((c) => c.name);
    if (!columns.length) continue;
    const { rows } = await sql<
      Record<string, unknown>
    >`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table.name)}`.execute(db);
    for (const row of rows)
      for (const value of Object.values(row))
        if (typeof value === "string" && value.trim().length > 12) {
          values.add(normalise(value));
          // Paragraphs and lines are shown apart (and some pages show only the first one).
          for (const part of value.split(/\n+/)) if (part.trim().length > 12) values.add(normalise(part));
        }
  }
  return [...values].sort((a, b) => b.length - a.length);
}

let server: TestServer;
let content: string[] = [];
const params: Record<string, string> = {};
const clients = new Map<string, Client>();

beforeAll(async () => {
  server = await startTestServer();
  let ip = 1;
  for (const who of READERS) {
    for (const locale of LOCALES) {
      const client = new Client(server.url, `10.7.6.${ip++}`);
      if (who !== "anonymous") await client.login(DEMO[who]);
      clients.set(`${who}:${locale}`, client);
    }
  }
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  for (const area of AREAS) Object.assign(params, await area.setup?.({ staff, baseUrl: server.url }));
  content = await userContent();
});
afterAll(() => server.close());

describe("the English interface strings", () => {
  it("are many (the lists the French and Spanish pages are checked against are not empty by mistake)", () => {
    for (const locale of TRANSLATED) {
      expect(ENGLISH[locale].length, locale).toBeGreaterThan(500);
      expect(ENGLISH[locale].some((e) => e.text === "Why do you want to join?")).toBe(true);
    }
  });

  it("the checks find what they look for", () => {
    expect(rawKeys("Stage: threats:outcome.open and country.lead, see example.org")).toEqual([
      "threats:outcome.open",
      "country.lead",
    ]);
    expect(rawKeys("Write to press@example.org or visit rights.example.org, v1.2")).toEqual([]);
    expect(normalise(visibleText('<p>Hi <code>a.b</code><input type="submit" value="Go" aria-label="Send"></p>'))).toBe(
      "Hi Send Go",
    );
    expect(normalise(visibleText('<p>Salut <span lang="en">Hello there</span></p>', "fr"))).toBe("Salut ¶");
    expect(normalise(visibleText('<p>Salut <span lang="fr-CA">allô</span></p>', "fr"))).toBe("Salut allô");
  });
});

describe("every page in English, French and Spanish", () => {
  for (const [routeId, entry] of Object.entries(MATRIX)) {
    const reader = READERS.find((who) => entry.expect[who] === 200);
    if (!reader || CONTENT_PAGES.has(routeId)) continue;
    it(`${routeId} (${entry.path}, as ${reader})`, async () => {
      const path = entry.path.replace(/:(\w+)/g, (_m, key: string) => params[key]);
      const problems: string[] = [];
      for (const locale of LOCALES) {
        const response = await clients.get(`${reader}:${locale}`)!.get(path, { "Accept-Language": locale });
        expect(response.status, `${locale} ${path}`).toBe(200);
        if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) return;
        const html = await response.text();
        expect(html, path).toContain(`<html lang="${locale}"`);
        const text = visibleText(html);
        for (const key of rawKeys(text)) problems.push(`${locale}: raw key ${key}`);
        for (const [at] of text.matchAll(/.{0,30}\{\{.{0,30}/g)) problems.push(`${locale}: placeholder in “${at}”`);
        if (locale !== "en") {
          let interfaceText = visibleText(html, locale);
          for (const value of content)
            if (interfaceText.includes(value)) interfaceText = interfaceText.replaceAll(value, " ¶ ");
          for (const { key, text: english } of ENGLISH[locale])
            if (interfaceText.includes(english)) problems.push(`${locale}: English “${english}” (${key})`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
