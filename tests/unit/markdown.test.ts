import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";
import { likePattern, searchable } from "~/lib/search";
import { slugify } from "~/lib/slug";

describe("markdown", () => {
  it("keeps formatting and links, drops scripts, handlers and javascript: links", () => {
    const html = renderMarkdown(
      '**Scan** [all](https://example.org) <script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))',
    );
    expect(html).toContain("<strong>Scan</strong>");
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">all</a>');
    expect(html).not.toMatch(/<script|onerror|javascript:|<img/i);
  });
});

describe("text helpers", () => {
  it("folds accents and case for search, and escapes LIKE wildcards", () => {
    expect(searchable("Loi  Avenir\nNumérique", null)).toBe("loi avenir numerique");
    expect(likePattern("100%_sûr\\")).toBe("%100\\%\\_sur\\\\%");
  });

  it("makes slugs from any text", () => {
    expect(slugify("Online Safety Bill (UK) — 2023")).toBe("online-safety-bill-uk-2023");
    expect(slugify("Ley de Protección de Datos")).toBe("ley-de-proteccion-de-datos");
    expect(slugify("<<<>>>")).toBe("item");
  });
});
