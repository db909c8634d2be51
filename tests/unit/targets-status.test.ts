import { describe, expect, it } from "vitest";
import { parseYear } from "~/features/targets/forms";
import { elapsedFraction, isYearOver, progressShare, targetStatus, yearBounds } from "~/features/targets/status";

const at = (iso: string) => new Date(iso);

describe("target status", () => {
  it("is met as soon as the value reaches the goal, in any year", () => {
    expect(targetStatus(5, 5, 2026, at("2026-01-02T00:00:00Z"))).toBe("met");
    expect(targetStatus(80, 75, 2024, at("2026-01-02T00:00:00Z"))).toBe("met");
  });

  it("is missed once the year is over (from 1 January 00:00 UTC of the next year)", () => {
    expect(isYearOver(2025, at("2025-12-31T23:59:59.999Z"))).toBe(false);
    expect(isYearOver(2025, at("2026-01-01T00:00:00Z"))).toBe(true);
    expect(targetStatus(4, 5, 2025, at("2026-01-01T00:00:00Z"))).toBe("missed");
  });

  it("is on track when the value is at least the goal × the elapsed share of the year", () => {
    const midYear = at("2026-07-02T12:00:00Z"); // exactly half of 2026 (365 days)
    expect(elapsedFraction(2026, midYear)).toBeCloseTo(0.5, 5);
    expect(targetStatus(50, 100, 2026, midYear)).toBe("on_track");
    expect(targetStatus(49.9, 100, 2026, midYear)).toBe("behind");
    expect(targetStatus(0, 100, 2026, at("2026-01-01T00:00:00Z"))).toBe("on_track");
  });

  it("has not started for a future year", () => {
    expect(targetStatus(0, 10, 2027, at("2026-11-22T00:00:00Z"))).toBe("upcoming");
  });

  it("fills the bar to at most 100 %", () => {
    expect(progressShare(150, 100)).toBe(1);
    expect(progressShare(25, 100)).toBe(0.25);
    expect(progressShare(3, 0)).toBe(1);
  });

  it("bounds years on ISO dates and timestamps", () => {
    expect(yearBounds(2024)).toEqual({ from: "2024-01-01", to: "2025-01-01" });
    expect("2024-12-31T23:59:59.999Z" < yearBounds(2024).to).toBe(true);
  });

  it("parses the year parameter strictly", () => {
    expect(parseYear(null, 2026)).toEqual({ ok: true, year: 2026 });
    expect(parseYear("2024", 2026)).toEqual({ ok: true, year: 2024 });
    for (const bad of ["24", "1999", "2101", "2024.0", "abc", " 2024", "20245", "-2024"]) {
      expect(parseYear(bad, 2026)).toEqual({ ok: false });
    }
  });
});
