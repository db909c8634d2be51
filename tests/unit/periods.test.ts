/** Chart periods: days and months as columns, quiet periods as zero, running totals. */
import { describe, expect, it } from "vitest";
import { cumulative, dailySeries, dayRange, fillPeriods, monthsOf } from "../../app/lib/periods";

describe("periods", () => {
  it("lists every day of a span, across a month and a leap day, keeping the latest ones", () => {
    expect(dayRange("2028-02-27", "2028-03-01")).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(dayRange("2026-01-01", "2026-12-31", 3)).toEqual(["2026-12-29", "2026-12-30", "2026-12-31"]);
    expect(dayRange("2026-01-02", "2026-01-01")).toEqual([]);
  });

  it("names the twelve months of a year", () => {
    const months = monthsOf(2026);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2026-01");
    expect(months[11]).toBe("2026-12");
  });

  it("fills periods without rows with zero and adds rows of the same period", () => {
    expect(
      fillPeriods(
        ["2026-01", "2026-02", "2026-03"],
        [
          { period: "2026-03", value: 2 },
          { period: "2026-01", value: 1 },
          { period: "2026-03", value: 1 },
          { period: "2025-12", value: 9 },
        ],
      ),
    ).toEqual([
      { period: "2026-01", value: 1 },
      { period: "2026-02", value: 0 },
      { period: "2026-03", value: 3 },
    ]);
  });

  it("runs a daily series from the first row (or an earlier start) to the end, and none without rows", () => {
    const rows = [
      { period: "2026-03-03", value: 1 },
      { period: "2026-03-01", value: 2 },
    ];
    expect(dailySeries(rows, null).map((p) => p.value)).toEqual([2, 0, 1]);
    expect(dailySeries(rows, "2026-03-05", { from: "2026-02-28" })).toEqual([
      { period: "2026-02-28", value: 0 },
      { period: "2026-03-01", value: 2 },
      { period: "2026-03-02", value: 0 },
      { period: "2026-03-03", value: 1 },
      { period: "2026-03-04", value: 0 },
      { period: "2026-03-05", value: 0 },
    ]);
    // An end before the last row never cuts a row off; a start after the first one is ignored.
    expect(dailySeries(rows, "2026-03-02", { from: "2026-03-02" }).map((p) => p.period)).toEqual([
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
    ]);
    expect(dailySeries([], "2026-03-05")).toEqual([]);
  });

  it("keeps running totals", () => {
    expect(
      cumulative([
        { period: "a", value: 2 },
        { period: "b", value: 0 },
        { period: "c", value: 3 },
      ]).map((p) => p.value),
    ).toEqual([2, 2, 5]);
  });
});
