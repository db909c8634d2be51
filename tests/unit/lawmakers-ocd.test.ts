import { describe, expect, it } from "vitest";
import { jurisdictionDivisionId } from "../../app/features/jurisdictions/division";
import { LawmakerSchema } from "../../app/features/lawmakers/forms";
import { checkOcdDivisionId, isOcdDivisionId, isWithinDivision, ocdCountry } from "../../app/features/lawmakers/ocd";
import { mapUsCongressRow } from "../../app/features/lawmakers/us-congress";
import { validateRow } from "../../app/features/lawmakers/validate-row";

describe("Open Civic Data division ids", () => {
  it("accepts the published shapes", () => {
    for (const id of [
      "ocd-division/country:us",
      "ocd-division/country:us/state:wa",
      "ocd-division/country:us/state:wa/cd:7",
      "ocd-division/country:us/state:ny/place:new_york/council_district:12",
      "ocd-division/country:ca/csd:2466023",
      "ocd-division/country:us/state:nc/county:wake~county",
      "ocd-division/country:gb/constituency:ynys_môn",
      "ocd-division/country:fr/region:île-de-france/ed:75.1",
    ]) {
      expect(isOcdDivisionId(id), id).toBe(true);
      expect(checkOcdDivisionId(id, null), id).toBeNull();
    }
  });

  it("refuses malformed ids, with capital letters told apart", () => {
    for (const id of [
      "",
      "ocd-division/",
      "ocd-division/country:usa",
      "ocd-division/country:gb-wls/region:north_wales",
      "ocd-division/state:wa",
      "ocd-jurisdiction/country:us/state:wa/legislature",
      "ocd-division/country:us/state:wa/",
      "ocd-division/country:us/state:wa/cd",
      "ocd-division/country:us/state:wa/cd:7 ",
      "ocd-division/country:us/state:wa/cd:7/",
      "ocd-division/country:us/state:wa/cd:<b>7</b>",
      "ocd-division/country:us/state:wa\n/cd:7",
      "ocd-division/country:us/st4te:wa",
      "ocd-division/country:us/state:w a",
      "ocd-division/country:us/state:wa/cd:7?x=1",
    ]) {
      expect(checkOcdDivisionId(id, null), JSON.stringify(id)).toBe("invalid");
    }
    expect(checkOcdDivisionId("ocd-division/country:US/state:WA", null)).toBe("uppercase");
    expect(checkOcdDivisionId("OCD-Division/country:us", null)).toBe("uppercase");
    expect(checkOcdDivisionId(`ocd-division/country:us/state:${"a".repeat(300)}`, null)).toBe("too_long");
  });

  it("matches the lawmaker's country, and any known country for EU and INT", () => {
    const known = new Set(["US", "DE", "FR", "EU", "INT"]);
    expect(checkOcdDivisionId("ocd-division/country:us/state:wa", "US", known)).toBeNull();
    expect(checkOcdDivisionId("ocd-division/country:us/state:wa", "CA", known)).toBe("country");
    expect(checkOcdDivisionId("ocd-division/country:de", "EU", known)).toBeNull();
    expect(checkOcdDivisionId("ocd-division/country:zz", "EU", known)).toBe("unknown_country");
    expect(checkOcdDivisionId("ocd-division/country:zz", "INT")).toBeNull();
    expect(ocdCountry("ocd-division/country:us/state:wa/cd:7")).toBe("US");
    expect(ocdCountry("nonsense")).toBeNull();
  });

  it("nests by whole segments", () => {
    expect(isWithinDivision("ocd-division/country:us/state:wa/cd:7", "ocd-division/country:us/state:wa")).toBe(true);
    expect(isWithinDivision("ocd-division/country:us/state:wa", "ocd-division/country:us/state:wa")).toBe(true);
    expect(isWithinDivision("ocd-division/country:us/state:wash", "ocd-division/country:us/state:wa")).toBe(false);
  });

  it("derives a country's own division, and none for EU and INT", () => {
    expect(jurisdictionDivisionId("FR")).toBe("ocd-division/country:fr");
    expect(jurisdictionDivisionId("EU")).toBeNull();
    expect(jurisdictionDivisionId("INT")).toBeNull();
  });
});

describe("the division in a CSV row and in the edit form", () => {
  const row = (ocd: string, jurisdiction = "US") => ({
    name: "Ada Okonkwo",
    title: "",
    body: "House",
    jurisdiction,
    constituency: "",
    party: "",
    email: "",
    contact_url: "",
    source_url: "",
    verified_on: "",
    ocd_division_id: ocd,
  });
  const known = new Set(["US", "CA", "EU"]);

  it("is optional, checked, and stored composed", () => {
    expect(validateRow(row(""), known, "2026-12-01")).toMatchObject({ errors: [], values: { ocd_division_id: null } });
    expect(
      validateRow(row(" ocd-division/country:us/state:wa/cd:7 "), known, "2026-12-01").values.ocd_division_id,
    ).toBe("ocd-division/country:us/state:wa/cd:7");
    expect(validateRow(row("ocd-division/country:us/state:wa"), known, "2026-12-01").errors).toEqual([]);
    expect(validateRow(row("ocd-division/country:us/state:wa", "CA"), known, "2026-12-01").errors).toEqual([
      "ocd_division_id.country",
    ]);
    expect(validateRow(row("us/wa/7"), known, "2026-12-01").errors).toEqual(["ocd_division_id.invalid"]);
    expect(validateRow(row("ocd-division/country:US"), known, "2026-12-01").errors).toEqual([
      "ocd_division_id.uppercase",
    ]);
    const decomposed = "ocd-division/country:us/place:san_jose\u0301";
    expect(validateRow(row(decomposed), known, "2026-12-01").values.ocd_division_id).toBe(decomposed.normalize("NFC"));
  });

  it("gives the edit form a message on the field", () => {
    const base = { name: "Ada", body: "House", jurisdiction: "US" };
    expect(LawmakerSchema.safeParse({ ...base, ocdDivisionId: "ocd-division/country:us/state:wa" }).success).toBe(true);
    const wrong = LawmakerSchema.safeParse({ ...base, ocdDivisionId: "state:wa" });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues).toMatchObject([{ path: ["ocdDivisionId"], message: "lawmakers:form.ocd.invalid" }]);
    const elsewhere = LawmakerSchema.safeParse({ ...base, ocdDivisionId: "ocd-division/country:ca" });
    expect(elsewhere.error?.issues).toMatchObject([{ path: ["ocdDivisionId"], message: "lawmakers:form.ocd.country" }]);
  });
});

describe("the US Congress list's divisions", () => {
  const member = (chamber: string, state: string, district: string) =>
    mapUsCongressRow(
      {
        cells: {
          bioguide: "A000001",
          official_full_name: "Member",
          chamber,
          state,
          district,
          party: "",
          term_start: "2025-01-03",
          website: "https://example.house.gov",
          contact_form: "",
        },
      },
      "2025-01-03",
    ).cells.ocd_division_id;

  it("is the state for a senator or an at-large seat, else the district; DC and territories as OCD writes them", () => {
    expect(member("senate", "WA", "")).toBe("ocd-division/country:us/state:wa");
    expect(member("house", "WA", "7")).toBe("ocd-division/country:us/state:wa/cd:7");
    expect(member("house", "AK", "0")).toBe("ocd-division/country:us/state:ak");
    expect(member("house", "DC", "0")).toBe("ocd-division/country:us/district:dc");
    expect(member("house", "PR", "0")).toBe("ocd-division/country:us/territory:pr");
    expect(member("rotunda", "WA", "7")).toBe("");
    for (const id of [member("house", "WA", "7"), member("house", "DC", "0")]) expect(isOcdDivisionId(id)).toBe(true);
  });
});
