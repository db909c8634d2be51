import { describe, expect, it } from "vitest";
import { describeWhen, localToUtc, utcToLocal } from "~/features/events/time.server";

describe("event times: wall clock in the event's zone ↔ UTC", () => {
  it("converts a local time with the zone's offset", () => {
    expect(localToUtc("2026-10-21T18:00", "Africa/Nairobi")).toEqual({ ok: true, utc: "2026-10-21T15:00:00.000Z" });
    expect(localToUtc("2026-10-21T09:00", "Asia/Kolkata")).toEqual({ ok: true, utc: "2026-10-21T03:30:00.000Z" });
  });

  it("an evening in another zone crosses midnight in UTC, and back", () => {
    // 22:30 in Los Angeles (PDT, UTC−7) is 05:30 the next day in UTC.
    expect(localToUtc("2026-10-21T22:30", "America/Los_Angeles")).toEqual({
      ok: true,
      utc: "2026-10-22T05:30:00.000Z",
    });
    // 07:00 in Auckland (NZDT, UTC+13) is still the previous day in UTC.
    expect(localToUtc("2026-10-21T07:00", "Pacific/Auckland")).toEqual({ ok: true, utc: "2026-10-20T18:00:00.000Z" });
    expect(utcToLocal("2026-10-22T05:30:00.000Z", "America/Los_Angeles")).toBe("2026-10-21T22:30");
  });

  it("follows daylight saving time: the same wall clock, different offsets", () => {
    expect(localToUtc("2026-07-01T12:00", "Europe/Paris")).toEqual({ ok: true, utc: "2026-07-01T10:00:00.000Z" });
    expect(localToUtc("2026-12-01T12:00", "Europe/Paris")).toEqual({ ok: true, utc: "2026-12-01T11:00:00.000Z" });
  });

  it("refuses local times that a DST change skips", () => {
    expect(localToUtc("2026-03-29T02:30", "Europe/Paris")).toEqual({ ok: false, reason: "nonexistent" });
    expect(localToUtc("2026-03-08T02:00", "America/New_York")).toEqual({ ok: false, reason: "nonexistent" });
    expect(localToUtc("2026-03-08T03:00", "America/New_York")).toEqual({ ok: true, utc: "2026-03-08T07:00:00.000Z" });
  });

  it("accepts a repeated hour (autumn) and refuses nonsense", () => {
    expect(localToUtc("2026-10-25T02:30", "Europe/Paris").ok).toBe(true);
    expect(localToUtc("2026-02-30T10:00", "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(localToUtc("2026-10-21 10:00", "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(localToUtc("2026-10-21T10:00", "Mars/Olympus")).toEqual({ ok: false, reason: "invalid" });
  });

  it("shows times in the event's zone, naming it, with the end's date across midnight", () => {
    const when = describeWhen(
      { starts_at: "2026-10-21T19:00:00.000Z", ends_at: "2026-10-21T23:00:00.000Z", timezone: "Europe/Berlin" },
      "en",
    );
    expect(when.date).toBe("Wednesday, 21 October 2026");
    expect(when.time).toMatch(/^21:00 – Thu 22 Oct, 01:00$/);
    expect(when.zoneName).toBe("Central European Summer Time");
    expect(when.zone).toBe("Europe/Berlin");
  });
});
