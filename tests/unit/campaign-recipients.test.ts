import { describe, expect, it } from "vitest";
import {
  constituencyChoices,
  matchesRule,
  parsePlaceValue,
  placeValue,
  representsConstituency,
  resolveRecipients,
  type CandidateLawmaker,
} from "../../app/features/campaigns/recipient-rules";

const l = (id: number, jurisdiction_code: string, body: string, constituency: string | null): CandidateLawmaker => ({
  id,
  jurisdiction_code,
  body,
  constituency,
});
const senatorWa1 = l(1, "US", "Senate", "WA");
const senatorWa2 = l(2, "US", "Senate", "WA");
const repWa07 = l(3, "US", "House of Representatives", "WA-07");
const repWa01 = l(4, "US", "House of Representatives", "WA-01");
const senatorMn = l(5, "US", "Senate", "MN");
const mpKe = l(6, "KE", "National Assembly", "Nairobi West");
const fallback = l(7, "US", "Senate", "CA");
const all = [senatorWa1, senatorWa2, repWa07, repWa01, senatorMn, mpKe];

describe("constituency matching", () => {
  it("the same constituency or its prefix before a dash", () => {
    expect(representsConstituency("WA", "WA-07")).toBe(true);
    expect(representsConstituency("WA-07", "WA-07")).toBe(true);
    expect(representsConstituency("wa-07", "WA-07")).toBe(true);
    expect(representsConstituency("WA-01", "WA-07")).toBe(false);
    expect(representsConstituency("W", "WA-07")).toBe(false);
    expect(representsConstituency("WA-07", "WA")).toBe(false);
    expect(representsConstituency(null, "WA")).toBe(false);
  });
});

describe("rules", () => {
  it("every filter is optional; each one narrows", () => {
    const none = { jurisdiction: null, body: null, constituencies: [] };
    expect(all.filter((x) => matchesRule(x, none))).toHaveLength(6);
    expect(all.filter((x) => matchesRule(x, { ...none, jurisdiction: "US" })).map((x) => x.id)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(all.filter((x) => matchesRule(x, { ...none, jurisdiction: "US", body: "Senate" })).map((x) => x.id)).toEqual(
      [1, 2, 5],
    );
    expect(
      all.filter((x) => matchesRule(x, { ...none, constituencies: ["WA-07", "Nairobi West"] })).map((x) => x.id),
    ).toEqual([1, 2, 3, 6]);
  });
});

describe("resolving one sender's recipients", () => {
  const us = all.slice(0, 5);
  it("a sender in WA-07 writes to both WA senators and the WA-07 representative", () => {
    const recipients = resolveRecipients(us, {
      senderPicksConstituency: true,
      place: { jurisdiction: "US", constituency: "WA-07" },
      fallback: null,
    });
    expect(recipients.map((x) => x.id)).toEqual([1, 2, 3]);
  });

  it("a sender who picks only the state writes to its senators", () => {
    const recipients = resolveRecipients(us, {
      senderPicksConstituency: true,
      place: { jurisdiction: "US", constituency: "WA" },
      fallback: null,
    });
    expect(recipients.map((x) => x.id)).toEqual([1, 2]);
  });

  it("the jurisdiction of the pick must match too", () => {
    expect(
      resolveRecipients(all, {
        senderPicksConstituency: true,
        place: { jurisdiction: "KE", constituency: "WA" },
        fallback: null,
      }),
    ).toEqual([]);
  });

  it("nobody matches: the fallback", () => {
    const recipients = resolveRecipients(us, {
      senderPicksConstituency: true,
      place: { jurisdiction: "US", constituency: "TX-02" },
      fallback,
    });
    expect(recipients).toEqual([fallback]);
    expect(resolveRecipients([], { senderPicksConstituency: false, place: null, fallback })).toEqual([fallback]);
  });

  it("without a pick, every candidate", () => {
    expect(resolveRecipients(us, { senderPicksConstituency: false, place: null, fallback }).map((x) => x.id)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("the choices offered are the candidates' distinct places, and round-trip as form values", () => {
    const choices = constituencyChoices(all);
    expect(choices.map(placeValue)).toEqual(["KE:Nairobi West", "US:MN", "US:WA", "US:WA-01", "US:WA-07"]);
    expect(parsePlaceValue("US:WA-07")).toEqual({ jurisdiction: "US", constituency: "WA-07" });
    expect(parsePlaceValue("nonsense")).toBeNull();
    expect(parsePlaceValue("<script>:x")).toBeNull();
  });
});
