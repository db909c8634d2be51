import { describe, expect, it } from "vitest";
import { areasWrittenBy } from "../../server/page-cache-areas";

describe("cached pages a translation changes", () => {
  it("empties the areas of the translated content's own pages", () => {
    expect(areasWrittenBy("/staff/translations/threat/4/fr")).toEqual(areasWrittenBy("/threats/x/edit"));
    expect(areasWrittenBy("/staff/translations/event/4/fr")).toEqual(areasWrittenBy("/events/x/edit"));
    expect(areasWrittenBy("/staff/translations/target/4/fr")).toEqual(areasWrittenBy("/targets"));
    expect(areasWrittenBy("/staff/translations/threat/4/fr")).toContain("threats");
    expect(areasWrittenBy("/staff/translations/event/4/fr")).not.toContain("threats");
  });

  it("empties everything for a type it does not know", () => {
    expect(areasWrittenBy("/staff/translations/other/4/fr")).toBe("all");
  });
});
