/**
 * Every language has every string, and only those: the English files are the source. Plural
 * variants (`key_one`, `key_other`…) are compared as a family: each language has exactly the forms
 * its `Intl.PluralRules` uses (i18next picks the form with them), plus `_zero` where English has
 * one. Every placeholder and markup tag of the English string is in the translation (a `_one` form
 * may say "one" in words instead of `{{count}}`: it is only ever used for a single item), and no
 * value is empty.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passwordRuleViolation, SITE_NAME_SPELLINGS } from "~/features/auth/password-rules";
import { jurisdictionNamesOf, type LocaleBundle } from "~/i18n/bundle";
import { NAMESPACES, SUPPORTED_LOCALES } from "~/i18n/config";

const LOCALES_DIR = path.resolve(__dirname, "../../app/i18n/locales");
const SOURCE = "en";
const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") flat.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) flat.set(k, v);
  }
  return flat;
}

function read(locale: string, ns: string): Map<string, string> {
  return flatten(JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, `${ns}.json`), "utf8")) as Tree);
}

/** Plural families (base → forms present) and the other keys. */
function shape(strings: Map<string, string>): { families: Map<string, Set<string>>; plain: Set<string> } {
  const families = new Map<string, Set<string>>();
  const plain = new Set<string>();
  for (const key of strings.keys()) {
    const match = PLURAL.exec(key);
    if (match) {
      const forms = families.get(match[1]) ?? new Set<string>();
      forms.add(match[2]);
      families.set(match[1], forms);
    } else plain.add(key);
  }
  return { families, plain };
}

/** `{{name}}` (formatting options aside), `$t(nesting)` and `<0>`-style tags, each once. */
function tokens(value: string): string[] {
  const found = new Set<string>();
  for (const [, name] of value.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)) found.add(`{{${name}}}`);
  for (const [token] of value.matchAll(/\$t\([^)]*\)|<\/?\d+>/g)) found.add(token);
  return [...found];
}

/** What a language must have for a family English has: its plural forms, and English's `_zero`. */
function requiredForms(locale: string, english: Set<string>): string[] {
  const forms = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
  if (english.has("zero")) forms.add("zero");
  return [...forms].sort();
}

/**
 * The English text a translated key is checked against: the same key, or for a plural form
 * English lacks (Spanish `_many`), English's `_other`.
 */
function englishFor(english: Map<string, string>, key: string): string | undefined {
  const direct = english.get(key);
  if (direct !== undefined) return direct;
  const match = PLURAL.exec(key);
  return match ? english.get(`${match[1]}_other`) : undefined;
}

const TARGETS = SUPPORTED_LOCALES.filter((locale) => locale !== SOURCE);

describe("the locale files", () => {
  it("exist for every language and namespace, and nothing else", () => {
    for (const locale of SUPPORTED_LOCALES) {
      const files = fs
        .readdirSync(path.join(LOCALES_DIR, locale))
        .filter((f) => f.endsWith(".json"))
        .sort();
      expect(files, locale).toEqual(NAMESPACES.map((ns) => `${ns}.json`).sort());
    }
  });

  it("the checks find what they look for", () => {
    expect(tokens("Hi {{name}}, <0>see</0> $t(common:x) {{count, number}}")).toEqual([
      "{{name}}",
      "{{count}}",
      "<0>",
      "</0>",
      "$t(common:x)",
    ]);
    expect(requiredForms("es", new Set(["one", "other"]))).toEqual(["many", "one", "other"]);
    expect(englishFor(new Map([["n_other", "{{count}} items"]]), "n_many")).toBe("{{count}} items");
    expect(requiredForms("en", new Set(["zero", "one", "other"]))).toEqual(["one", "other", "zero"]);
    const { families, plain } = shape(
      new Map([
        ["a.count_one", ""],
        ["a.count_other", ""],
        ["sector.other", ""],
      ]),
    );
    expect([...families.keys()]).toEqual(["a.count"]);
    expect([...plain]).toEqual(["sector.other"]);
  });

  for (const ns of NAMESPACES) {
    const english = read(SOURCE, ns);
    const source = shape(english);

    it(`${ns}: English has every plural form English needs and no empty value`, () => {
      for (const [base, forms] of source.families)
        expect([...forms].sort(), `${ns}:${base}`).toEqual(requiredForms(SOURCE, forms));
      expect([...english].filter(([, value]) => value.trim() === "").map(([key]) => key)).toEqual([]);
    });

    for (const locale of TARGETS) {
      it(`${ns}: ${locale} has exactly the English keys, its own plural forms, every placeholder`, () => {
        const translated = read(locale, ns);
        const target = shape(translated);
        expect(
          [...target.plain].filter((k) => !source.plain.has(k)),
          "keys English does not have",
        ).toEqual([]);
        expect(
          [...source.plain].filter((k) => !target.plain.has(k)),
          "missing keys",
        ).toEqual([]);
        const problems: string[] = [];
        for (const [base, forms] of source.families) {
          const want = requiredForms(locale, forms);
          const have = [...(target.families.get(base) ?? [])].sort();
          if (have.join() !== want.join())
            problems.push(`${base}: forms ${have.join("/")} instead of ${want.join("/")}`);
        }
        for (const base of target.families.keys())
          if (!source.families.has(base)) problems.push(`${base}: a plural family English does not have`);
        for (const [key, value] of translated) {
          if (value.trim() === "") problems.push(`${key}: empty`);
          const reference = englishFor(english, key);
          if (reference === undefined) continue;
          for (const token of tokens(reference))
            if (!(token === "{{count}}" && key.endsWith("_one")) && !tokens(value).includes(token))
              problems.push(`${key}: lacks ${token} (“${value}”)`);
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

describe("the language bundles", () => {
  it("name every jurisdiction in every language, in that language", async () => {
    const bundles = import.meta.glob<LocaleBundle>("../../app/i18n/locales/*/index.ts", { import: "default" });
    const names = Object.fromEntries(
      await Promise.all(
        SUPPORTED_LOCALES.map(async (l) => [
          l,
          jurisdictionNamesOf(await bundles[`../../app/i18n/locales/${l}/index.ts`]()),
        ]),
      ),
    ) as Record<string, Record<string, string>>;
    const codes = Object.keys(names.en).sort();
    expect(codes.length).toBeGreaterThan(240);
    expect(codes).toContain("EU");
    expect(codes).toContain("INT");
    for (const locale of SUPPORTED_LOCALES) expect(Object.keys(names[locale]).sort(), locale).toEqual(codes);
    expect(names.es.DE).toBe("Alemania");
    expect(names.es.EU).toBe("Unión Europea");
    expect(names.fr.DE).toBe("Allemagne");
  });

  it("spell the site's name as the password rules know it", () => {
    for (const locale of SUPPORTED_LOCALES)
      expect(SITE_NAME_SPELLINGS, locale).toContain((read(locale, "common").get("app.name") ?? "").trim());
    for (const name of SITE_NAME_SPELLINGS)
      expect(passwordRuleViolation(`my ${name} 2026!`), name).toBe("validation.password.siteName");
  });
});
