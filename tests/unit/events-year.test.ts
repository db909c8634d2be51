import { describe, expect, it } from "vitest";
import {
  defaultEdition,
  editionOverAt,
  isEditionPast,
  isEventPast,
  nextEdition,
  previousEdition,
} from "../../app/features/events/edition-days";

const editions = [
  { year: 2027, day: "2027-10-21" },
  { year: 2026, day: "2026-10-21" },
  { year: 2025, day: "2025-10-21" },
];

describe("an edition's day", () => {
  it("is over once it has ended at UTC−12: 12:00 UTC the next day", () => {
    expect(editionOverAt("2026-10-21")).toBe("2026-10-22T12:00:00.000Z");
    expect(editionOverAt("2026-12-31")).toBe("2027-01-01T12:00:00.000Z");
    expect(editionOverAt("2028-02-28")).toBe("2028-02-29T12:00:00.000Z");
  });

  it("is still running somewhere until the last millisecond before that instant", () => {
    const day = { day: "2026-10-21" };
    expect(isEditionPast(day, new Date("2026-10-21T23:59:59.999Z"))).toBe(false);
    expect(isEditionPast(day, new Date("2026-10-22T11:59:59.999Z"))).toBe(false);
    expect(isEditionPast(day, new Date("2026-10-22T12:00:00.000Z"))).toBe(true);
  });
});

describe("next and previous editions", () => {
  it("before the day, the coming edition is next and the one before it is previous", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(nextEdition(editions, now)?.year).toBe(2026);
    expect(previousEdition(editions, now)?.year).toBe(2025);
    // Not the latest year staff created: the one that comes first.
    expect(defaultEdition(editions, now)?.year).toBe(2026);
  });

  it("on the day (in UTC and after it, while it lasts somewhere) the edition stays next", () => {
    const now = new Date("2026-10-22T06:00:00Z");
    expect(nextEdition(editions, now)?.year).toBe(2026);
    expect(previousEdition(editions, now)?.year).toBe(2025);
  });

  it("after the day, the next edition is the following year's and this one is previous", () => {
    const now = new Date("2026-10-22T12:00:00Z");
    expect(nextEdition(editions, now)?.year).toBe(2027);
    expect(previousEdition(editions, now)?.year).toBe(2026);
    expect(defaultEdition(editions, now)?.year).toBe(2027);
  });

  it("with no edition to come, there is no next one and the page shows the latest that took place", () => {
    const now = new Date("2028-01-01T00:00:00Z");
    expect(nextEdition(editions, now)).toBeUndefined();
    expect(previousEdition(editions, now)?.year).toBe(2027);
    expect(defaultEdition(editions, now)?.year).toBe(2027);
    expect(defaultEdition([], now)).toBeUndefined();
  });
});

describe("a past event", () => {
  const edition = { day: "2026-10-21" };
  it("is one that ended, even while its edition's day lasts", () => {
    const event = { ends_at: "2026-10-21T10:00:00.000Z" };
    expect(isEventPast(event, edition, new Date("2026-10-21T09:59:00Z"))).toBe(false);
    expect(isEventPast(event, edition, new Date("2026-10-21T10:00:00Z"))).toBe(true);
  });

  it("is every event of an edition whose day is over, even one set later in the year", () => {
    const later = { ends_at: "2026-11-30T20:00:00.000Z" };
    expect(isEventPast(later, edition, new Date("2026-10-22T11:59:00Z"))).toBe(false);
    expect(isEventPast(later, edition, new Date("2026-10-22T12:00:00Z"))).toBe(true);
  });
});
