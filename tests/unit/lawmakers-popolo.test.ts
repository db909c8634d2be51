import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { popoloRows } from "../../app/features/lawmakers/popolo";
import { looksLikeJson, readPopolo, type PopoloData } from "../../app/features/lawmakers/popolo-read";

const FIXTURE = fs.readFileSync(path.join(__dirname, "../fixtures/popolo-wa-house.json"), "utf8");
const TODAY = "2026-12-04";

function data(text = FIXTURE): PopoloData {
  const read = readPopolo(text, 100);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.data;
}

function rows(input: PopoloData = data(), choice = {}, today = TODAY) {
  const mapped = popoloRows(input, choice, today);
  if (!mapped.ok) throw new Error(JSON.stringify(mapped.error));
  return mapped;
}

describe("Popolo persons as lawmaker rows", () => {
  it("maps the current members of the legislature, with party, area, division and contact", () => {
    const { rows: mapped, summary } = rows();
    expect(summary).toEqual({
      legislature: { id: "a1b2c3d4-0000-4000-8000-000000000001", name: "Washington House of Representatives" },
      jurisdiction: "US",
      persons: 5,
      leftOut: 1,
    });
    expect(mapped.map((row) => [row.line, row.cells.name])).toEqual([
      [1, "Ada Okonkwo"],
      [2, "Bruno Lindqvist"],
      [3, "Chen Morales"],
      [5, "Eitan Baptiste"],
    ]);
    const common = {
      body: "Washington House of Representatives",
      jurisdiction: "US",
      verified_on: "2026-09-01",
    };
    expect(mapped[0].cells).toEqual({
      ...common,
      name: "Ada Okonkwo",
      title: "",
      constituency: "District 1",
      party: "Democratic",
      email: "ada.okonkwo@leg.example.org",
      contact_url: "",
      source_url: "https://leg.example.org/house/members/1",
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:1",
    });
    // The e-mail from contact_details; the division from the area's identifiers.
    expect(mapped[1].cells).toMatchObject({
      email: "Bruno.Lindqvist@leg.example.org",
      party: "Republican",
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:2",
    });
    // No contact at all: the row is valid, validateRow leaves both empty.
    expect(mapped[2].cells).toMatchObject({ email: "", contact_url: "", constituency: "District 3" });
    // Through the post: its area and its role; the contact form from contact_details (not the website).
    expect(mapped[3].cells).toMatchObject({
      title: "Representative",
      constituency: "District 4",
      contact_url: "https://leg.example.org/house/members/5/contact",
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:4",
    });
    // The skipped rows' CSV repeats the mapped cells.
    expect(mapped[0].raw[0]).toBe("Ada Okonkwo");
  });

  it("leaves out ended memberships, and keeps one that has not ended yet", () => {
    const before = rows(data(), {}, "2026-06-30").rows.map((row) => row.cells.name);
    expect(before).toContain("Dana Whitfield");
    expect(before).not.toContain("Eitan Baptiste");
    // Before the current term: only the previous term's members.
    expect(rows(data(), {}, "2025-03-01").rows.map((row) => row.cells.name)).toEqual(["Ada Okonkwo"]);
  });

  it("asks which legislature when there are several, by id or name", () => {
    const file = data();
    file.organizations.push({ id: "senate", name: "Washington State Senate", classification: "legislature" });
    const refused = popoloRows(file, {}, TODAY);
    expect(refused).toMatchObject({ ok: false, error: { code: "popolo.choose_legislature" } });
    expect(!refused.ok && refused.error.detail).toContain("Washington State Senate (senate)");
    expect(rows(file, { legislature: "washington house of representatives" }).rows).toHaveLength(4);
    expect(rows(file, { legislature: "senate", jurisdiction: "US" }).rows).toHaveLength(0);
    expect(popoloRows(file, { legislature: "nope" }, TODAY)).toMatchObject({
      ok: false,
      error: { code: "popolo.unknown_legislature" },
    });
  });

  it("needs a jurisdiction when the divisions do not give one, and takes the one chosen", () => {
    const file = data();
    file.areas = file.areas.map((area) => ({ ...area, id: area.id.replace("ocd-division/", "x/"), identifiers: [] }));
    file.memberships = file.memberships.map((m) => ({ ...m, area_id: m.area_id?.replace("ocd-division/", "x/") }));
    file.posts = file.posts.map((p) => ({ ...p, area_id: p.area_id?.replace("ocd-division/", "x/") }));
    expect(popoloRows(file, {}, TODAY)).toMatchObject({ ok: false, error: { code: "popolo.no_jurisdiction" } });
    const chosen = rows(file, { jurisdiction: "us" });
    expect(chosen.summary.jurisdiction).toBe("US");
    expect(chosen.rows.every((row) => row.cells.ocd_division_id === "")).toBe(true);
  });

  it("notes an area id that only looks like a division id, and leaves it out", () => {
    const file = data(FIXTURE.replaceAll("country:us/state:wa/sldl:1", "country:us-wa/sldl:1"));
    const first = rows(file).rows[0];
    expect(first.cells.ocd_division_id).toBe("");
    expect(first.notes).toEqual(["ocd.ignored"]);
  });

  it("turns a malformed person into that row's error, not the file's", () => {
    const file = data(FIXTURE.replace('"name": "Chen Morales"', '"name": ["Chen", "Morales"]'));
    const chen = rows(file).rows[2];
    expect(chen.errors).toEqual(["person.invalid"]);
    expect(chen.cells.name).toBe("7f3c2a10-1d4e-4b8a-9c61-0a2b3c4d5e03");
  });
});

describe("reading a Popolo file", () => {
  it("tells JSON from CSV by its first character", () => {
    expect(looksLikeJson('\n  {"persons": []}')).toBe(true);
    expect(looksLikeJson("name,title\n")).toBe(false);
  });

  it("refuses what is not a safe Popolo file, as a file error", () => {
    const code = (text: string, max = 100) => {
      const read = readPopolo(text, max);
      return read.ok ? null : read.error;
    };
    expect(code("{not json")).toEqual({ code: "file.not_json" });
    expect(code("[]")).toEqual({ code: "popolo.not_popolo" });
    expect(code('{"people": []}')).toEqual({ code: "popolo.not_popolo" });
    expect(code(`${"[".repeat(5000)}${"]".repeat(5000)}`)).toEqual({ code: "file.too_deep" });
    expect(code(`{"persons": [${"{".repeat(40)}${"}".repeat(40)}]}`)).toEqual({ code: "file.too_deep" });
    // Brackets inside strings do not count.
    expect(code(`{"persons": [{"id": "x", "name": "${"[{".repeat(50)}"}]}`)).toBeNull();
    expect(code('{"persons": [], "__proto__": {"polluted": true}}')).toEqual({ code: "file.forbidden_key" });
    expect(code('{"persons": [{"id": "a", "constructor": {}}]}')).toEqual({ code: "file.forbidden_key" });
    expect(code('{"persons": [{}, {}, {}]}', 2)).toEqual({ code: "file.too_many_rows" });
    expect(code('{"persons": {}}')).toEqual({ code: "popolo.invalid", detail: "persons" });
    expect(code('{"persons": [], "memberships": [{"person_id": 7}]}')).toEqual({
      code: "popolo.invalid",
      detail: "memberships[0].person_id",
    });
    expect(code('{"persons": [], "memberships": [{"end_date": "last year"}]}')).toEqual({
      code: "popolo.invalid",
      detail: "memberships[0].end_date",
    });
    expect(code(`{"persons": [], "areas": [{"id": "a", "name": "${"x".repeat(20_000)}"}]}`)).toEqual({
      code: "popolo.invalid",
      detail: "areas[0].name",
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
