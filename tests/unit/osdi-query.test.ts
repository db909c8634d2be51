/** The OSDI collections' query string, read strictly: page, per_page and the modified_date filter. */
import { describe, expect, it } from "vitest";
import { parseCollectionQuery, parseModifiedDateFilter } from "../../app/features/osdi/query";

describe("parseModifiedDateFilter", () => {
  it("reads gt, lt and both, as UTC instants", () => {
    expect(parseModifiedDateFilter("modified_date gt '2026-01-01T00:00:00Z'")).toEqual({
      ok: true,
      filter: { after: "2026-01-01T00:00:00.000Z" },
    });
    expect(parseModifiedDateFilter("modified_date lt '2026-01-01T02:00:00+02:00'")).toEqual({
      ok: true,
      filter: { before: "2026-01-01T00:00:00.000Z" },
    });
    expect(
      parseModifiedDateFilter("modified_date gt '2026-01-01T00:00:00Z' and modified_date lt '2026-02-01T00:00:00.5Z'"),
    ).toEqual({ ok: true, filter: { after: "2026-01-01T00:00:00.000Z", before: "2026-02-01T00:00:00.500Z" } });
  });

  it("refuses anything else", () => {
    for (const bad of [
      "",
      "modified_date ge '2026-01-01T00:00:00Z'",
      "modified_date gt '2026-01-01'",
      "modified_date gt '2026-13-01T00:00:00Z'",
      "modified_date gt '2026-02-29T00:00:00Z'",
      "modified_date gt '2026-01-01T00:00:00'",
      "created_date gt '2026-01-01T00:00:00Z'",
      "modified_date gt '2026-01-01T00:00:00Z' or modified_date lt '2027-01-01T00:00:00Z'",
      "modified_date lt '2026-01-01T00:00:00Z' and modified_date lt '2027-01-01T00:00:00Z'",
      "modified_date gt '2026-01-01T00:00:00Z' and modified_date lt '2027-01-01T00:00:00Z' and modified_date gt '2026-01-01T00:00:00Z'",
      "modified_date gt '2026-01-01T00:00:00Z'; drop table users",
      "x".repeat(500),
    ]) {
      expect(parseModifiedDateFilter(bad).ok, bad).toBe(false);
    }
  });
});

describe("parseCollectionQuery", () => {
  it("defaults to the first page of 25 and names every bad parameter", () => {
    expect(parseCollectionQuery(new URLSearchParams())).toEqual({
      ok: true,
      query: { page: 1, perPage: 25, modified: {} },
    });
    const bad = parseCollectionQuery(new URLSearchParams("page=0&per_page=101&sort=x&filter=nope"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["filter", "page", "per_page", "sort"]);
    const twice = parseCollectionQuery(new URLSearchParams("page=1&page=2"));
    expect(twice.ok ? null : twice.errors).toEqual({ page: "given more than once" });
  });
});
