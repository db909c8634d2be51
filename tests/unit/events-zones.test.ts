import { describe, expect, it } from "vitest";
import { orderZones, zoneForCountry } from "~/features/events/zone-order";
import { timeZones } from "~/features/events/time.server";
import { zonesByCountry } from "~/features/events/zones.server";

const all = timeZones();
const byCountry = zonesByCountry(all);

describe("a country's time zones", () => {
  it("the US lists New York first, one zone per clock, then the others from east to west", () => {
    const us = byCountry.US!;
    expect(us[0]).toBe("America/New_York");
    expect(us).toEqual(expect.arrayContaining(["America/Chicago", "America/Denver", "America/Los_Angeles"]));
    expect(us).toContain("Pacific/Honolulu");
    // A short list: Indiana's and Kentucky's zones keep New York's clock and are not repeated.
    expect(us).not.toContain("America/Indiana/Indianapolis");
    expect(us.length).toBeLessThan(10);
    expect(us.indexOf("America/Chicago")).toBeLessThan(us.indexOf("America/Los_Angeles"));
  });

  it("France has Paris, Kenya Nairobi, Brazil São Paulo first", () => {
    expect(byCountry.FR![0]).toBe("Europe/Paris");
    expect(byCountry.KE).toEqual(["Africa/Nairobi"]);
    expect(byCountry.BR![0]).toBe("America/Sao_Paulo");
  });

  it("uses the names the select offers (this platform may call Kolkata Calcutta)", () => {
    const india = byCountry.IN!;
    expect(india).toHaveLength(1);
    expect(all).toContain(india[0]);
    expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(india[0]);
    for (const zones of Object.values(byCountry)) for (const zone of zones) expect(all).toContain(zone);
  });
});

describe("ordering the select by the chosen country", () => {
  it("puts the country's zones first and keeps every other zone once", () => {
    const ordered = orderZones(all, byCountry, "fr");
    expect(ordered.country).toEqual(["Europe/Paris"]);
    expect(ordered.others).not.toContain("Europe/Paris");
    expect(ordered.country.length + ordered.others.length).toBe(all.length);
  });

  it("without a country, or for a forum with no zones of its own (EU, INT), lists all zones as they are", () => {
    expect(orderZones(all, byCountry, undefined)).toEqual({ country: [], others: all });
    expect(orderZones(all, byCountry, "INT")).toEqual({ country: [], others: all });
  });

  it("defaults to the country's most common zone, but keeps a zone already chosen in that country", () => {
    expect(zoneForCountry(byCountry, "US", undefined)).toBe("America/New_York");
    expect(zoneForCountry(byCountry, "US", "Europe/Paris")).toBe("America/New_York");
    expect(zoneForCountry(byCountry, "US", "America/Denver")).toBe("America/Denver");
    expect(zoneForCountry(byCountry, "EU", "Europe/Paris")).toBe("Europe/Paris");
    expect(zoneForCountry(byCountry, "EU", undefined)).toBeUndefined();
  });
});
