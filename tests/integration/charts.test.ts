/**
 * The charts' aggregates against fixed fixtures: signatures per day of a letter, letters per day
 * of a campaign, accepted chapter actions per month, and a target's value month by month.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { acceptedActionsPerMonth } from "../../app/features/chapters/actions-per-month.server";
import { campaignDashboard } from "../../app/features/campaigns/dashboard.server";
import { signaturesPerDay } from "../../app/features/letters/signatures-per-day.server";
import { drilldown, getTarget } from "../../app/features/targets/progress.server";
import { progressByMonth } from "../../app/features/targets/timeline.server";
import { createLetters } from "../support/letters-factory";
import { action, chapter, openLetter, signature, target } from "../support/target-fixtures";

describe("signatures per day", () => {
  it("counts confirmed signatures by the day of confirmation, with quiet days as zero", async () => {
    const letterId = await openLetter();
    const at = (day: string, time = "10:00:00.000Z") => `${day}T${time}`;
    await signature({ letterId, kind: "individual", status: "confirmed", confirmedAt: at("2026-03-01") });
    await signature({
      letterId,
      kind: "individual",
      status: "confirmed",
      confirmedAt: at("2026-03-01", "23:59:59.999Z"),
    });
    await signature({ letterId, kind: "organisation", status: "confirmed", confirmedAt: at("2026-03-03") });
    // Withdrawn after confirming, pending and rejected: none of them counts.
    await signature({ letterId, kind: "individual", status: "withdrawn", confirmedAt: at("2026-03-02") });
    await signature({ letterId, kind: "individual", status: "pending", confirmedAt: null });
    await signature({ letterId, kind: "individual", status: "rejected", confirmedAt: at("2026-03-04") });

    const closed = await signaturesPerDay({ id: letterId, status: "closed", opens_on: "2026-02-28" });
    expect(closed).toEqual([
      { period: "2026-02-28", value: 0 },
      { period: "2026-03-01", value: 2 },
      { period: "2026-03-02", value: 0 },
      { period: "2026-03-03", value: 1 },
    ]);
    // While the letter is open the chart runs to today (here a fixed "now").
    const open = await signaturesPerDay(
      { id: letterId, status: "open", opens_on: null },
      new Date("2026-03-05T08:00:00Z"),
    );
    expect(open.map((p) => p.value)).toEqual([2, 0, 1, 0, 0]);
    expect(open.at(-1)?.period).toBe("2026-03-05");
  });

  it("is empty for a letter without confirmed signatures", async () => {
    const letterId = await openLetter();
    await signature({ letterId, kind: "individual", status: "pending", confirmedAt: null });
    expect(await signaturesPerDay({ id: letterId, status: "open", opens_on: "2026-01-01" })).toEqual([]);
  });
});

describe("letters per day of a campaign", () => {
  it("counts letters by the day they were written, gaps filled, to the given end", async () => {
    const first = await createLetters(db, { letters: 2, at: "2026-05-10T09:00:00.000Z" });
    const campaignId = first.campaignId;
    // Two more letters in the same campaign, two days later.
    const later = await createLetters(db, { letters: 2, at: "2026-05-12T09:00:00.000Z" });
    await db
      .updateTable("campaign_letters")
      .set({ campaign_id: campaignId })
      .where("id", "in", later.letterIds)
      .execute();

    const closed = await campaignDashboard(campaignId);
    expect(closed.perDay).toEqual([
      { period: "2026-05-10", value: 2 },
      { period: "2026-05-11", value: 0 },
      { period: "2026-05-12", value: 2 },
    ]);
    const open = await campaignDashboard(campaignId, "2026-05-14");
    expect(open.perDay.map((p) => p.value)).toEqual([2, 0, 2, 0, 0]);
    expect(open.perDay.reduce((sum, p) => sum + p.value, 0)).toBe(open.total);
  });
});

describe("accepted chapter actions per month", () => {
  it("counts only accepted actions of the listed chapters, within the year, all twelve months", async () => {
    const listed = await chapter({ jurisdiction: "KE" });
    const other = await chapter({ jurisdiction: "NG" });
    await action({ chapterId: listed, kind: "meeting", on: "2019-01-31" });
    await action({ chapterId: listed, kind: "media", on: "2019-03-01" });
    await action({ chapterId: listed, kind: "media", on: "2019-03-31" });
    await action({ chapterId: listed, kind: "media", on: "2019-04-02", status: "pending" });
    await action({ chapterId: listed, kind: "media", on: "2020-01-01" });
    await action({ chapterId: other, kind: "media", on: "2019-03-15" });

    const months = await acceptedActionsPerMonth(2019, [listed]);
    expect(months.map((m) => m.period)).toEqual([
      "2019-01",
      "2019-02",
      "2019-03",
      "2019-04",
      "2019-05",
      "2019-06",
      "2019-07",
      "2019-08",
      "2019-09",
      "2019-10",
      "2019-11",
      "2019-12",
    ]);
    expect(months.map((m) => m.value)).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const both = await acceptedActionsPerMonth(2019, [listed, other]);
    expect(both[2].value).toBe(3);
    const none = await acceptedActionsPerMonth(2019, []);
    expect(none.every((m) => m.value === 0)).toBe(true);
  });
});

describe("a target's progress by month", () => {
  it("runs the cumulative value through the year and ends on the figure", async () => {
    const chapterId = await chapter({ jurisdiction: "KE" });
    await action({ chapterId, kind: "amicus_brief", on: "2018-02-03" });
    await action({ chapterId, kind: "amicus_brief", on: "2018-02-20" });
    await action({ chapterId, kind: "amicus_brief", on: "2018-07-01" });
    await action({ chapterId, kind: "amicus_brief", on: "2018-08-01", status: "pending" });
    const id = await target({ year: 2018, metric: "advocacy_actions", goal: 4, filter: { kind: "amicus_brief" } });
    const detail = await drilldown((await getTarget(id))!);
    const months = progressByMonth(detail);
    expect(months?.map((m) => m.value)).toEqual([0, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3]);
    expect(months?.at(-1)?.value).toBe(detail.value);
  });

  it("stops at the current month in the current year", async () => {
    const year = new Date().getUTCFullYear();
    const id = await target({ year, metric: "advocacy_actions", goal: 1, filter: { kind: "amicus_brief" } });
    const detail = await drilldown((await getTarget(id))!);
    const months = progressByMonth(detail, new Date(`${year}-03-15T00:00:00Z`));
    if (months) expect(months.map((m) => m.period)).toEqual([`${year}-01`, `${year}-02`, `${year}-03`]);
    else expect(detail.value).not.toBe(0);
  });

  it("draws no line for a share, a manual figure or an empty year", async () => {
    const share = await target({ year: 2018, metric: "chapters_advocating_share", goal: 60 });
    expect(progressByMonth(await drilldown((await getTarget(share))!))).toBeNull();
    const manual = await target({ year: 2018, metric: "manual", goal: 5, manual: { value: 3, evidence: "Report" } });
    expect(progressByMonth(await drilldown((await getTarget(manual))!))).toBeNull();
    // Nothing counted yet: a flat line at zero, all twelve months.
    const empty = await target({ year: 2017, metric: "advocacy_actions", goal: 2, filter: { kind: "amicus_brief" } });
    const months = progressByMonth(await drilldown((await getTarget(empty))!));
    expect(months).toHaveLength(12);
    expect(months?.every((m) => m.value === 0)).toBe(true);
  });
});
