/** The linked-threat picker's options: titles, duplicates told apart, and the search filter. */
import { describe, expect, it } from "vitest";
import { filterOptions, pickerOptions, type PickerThreatRow } from "../../app/features/threats/picker";

const row = (id: number, title: string, more: Partial<PickerThreatRow> = {}): PickerThreatRow => ({
  id,
  slug: `threat-${id}`,
  title,
  short_name: null,
  identifier: null,
  jurisdiction_code: "US",
  first_seen_on: "2023-04-19",
  ...more,
});

const ROWS = [
  row(1, "EARN IT Act", { identifier: "S.1207", first_seen_on: "2023-04-19" }),
  row(2, "EARN IT Act", { identifier: "S.3538", first_seen_on: "2020-03-05" }),
  row(3, "Online Safety Act", { jurisdiction_code: "GB", short_name: "OSA", first_seen_on: "2021-05-12" }),
  row(4, "online safety act", { jurisdiction_code: "AU", first_seen_on: "2021-06-23" }),
  row(5, "Chat Control Régulation", { jurisdiction_code: "EU", identifier: "COM(2022) 209" }),
  row(6, "Same Bill", { identifier: "H.R.1", first_seen_on: "2024-01-01" }),
  row(7, "Same Bill", { identifier: "H.R.1", first_seen_on: "2024-06-01" }),
];

describe("pickerOptions", () => {
  const options = pickerOptions(ROWS);
  const label = (id: number) => options.find((o) => o.id === id)?.label;

  it("labels a threat by its title, and repeated titles with their identifier and year", () => {
    expect(label(1)).toBe("EARN IT Act (S.1207, 2023)");
    expect(label(2)).toBe("EARN IT Act (S.3538, 2020)");
    expect(label(5)).toBe("Chat Control Régulation");
  });

  it("treats titles differing only in case as the same, and uses the country when there is no identifier", () => {
    expect(label(3)).toBe("Online Safety Act (GB, 2021)");
    expect(label(4)).toBe("online safety act (AU, 2021)");
  });

  it("adds the address name when identifier and year are the same too", () => {
    expect(label(6)).toBe("Same Bill (H.R.1, 2024) · threat-6");
    expect(label(7)).toBe("Same Bill (H.R.1, 2024) · threat-7");
    expect(new Set(options.map((o) => o.label)).size).toBe(options.length);
  });

  it("sorts by label regardless of case and keeps id and slug for the posted value", () => {
    expect(options.map((o) => o.id)).toEqual([5, 1, 2, 4, 3, 6, 7]);
    expect(options[0]).toMatchObject({ id: 5, slug: "threat-5" });
  });
});

describe("filterOptions", () => {
  const options = pickerOptions(ROWS);
  const ids = (query: string, keep?: (o: (typeof options)[number]) => boolean) =>
    filterOptions(options, query, keep).map((o) => o.id);

  it("keeps every option for an empty or blank query", () => {
    expect(ids("")).toHaveLength(ROWS.length);
    expect(ids("   ")).toHaveLength(ROWS.length);
  });

  it("matches every word, in the title, short name, identifier or country, case and accents folded", () => {
    expect(ids("earn")).toEqual([1, 2]);
    expect(ids("EARN s.1207")).toEqual([1]);
    expect(ids("regulation chat")).toEqual([5]);
    expect(ids("osa")).toEqual([3]);
    expect(ids("safety au")).toEqual([4]);
    expect(ids("nothing like this")).toEqual([]);
  });

  it("never drops a choice already made", () => {
    expect(ids("earn", (o) => o.id === 3)).toEqual([1, 2, 3]);
  });
});
