/**
 * Every metric of the catalogue against hand-computed fixtures in 2012 (a year the demo data does
 * not touch), with the edges: a threat first seen on 31 December, a withdrawn action, a suspended
 * member, an event whose UTC start falls in the next year, a statement on 1 January. Each case is
 * computed twice, with aggregate queries (the page) and with rows (drill-down, snapshots): they agree.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { computeTarget, type Target } from "~/features/targets/metrics.server";
import * as f from "../support/target-fixtures";

const YEAR = 2012;

function target(metric: string, filter: Record<string, string> = {}, manual?: Partial<Target>): Target {
  return {
    id: 0,
    year: YEAR,
    title: "t",
    original_locale: "en",
    metric,
    filter: Object.keys(filter).length ? JSON.stringify(filter) : null,
    comparison: "at_least",
    goal: 1,
    manual_value: null,
    manual_unit: null,
    manual_evidence: null,
    manual_evidence_url: null,
    position: 0,
    created_by: null,
    created_at: "",
    updated_at: "",
    ...manual,
  };
}

/** The value both ways, checking that they agree and that the rows add up to it. */
async function measure(metric: string, filter: Record<string, string> = {}) {
  const fast = await computeTarget(target(metric, filter), false);
  const full = await computeTarget(target(metric, filter), true);
  expect(full.value).toBe(fast.value);
  expect(full.unit).toBe(fast.unit);
  expect(full.parts).toEqual(fast.parts);
  return full;
}

const ids: Record<string, number> = {};

beforeAll(async () => {
  // Threats, in Iceland unless said otherwise.
  ids.t1 = await f.threat({
    jurisdiction: "IS",
    categories: ["encryption"],
    firstSeenOn: "2012-03-01",
    outcome: "mitigated",
    outcomeOn: "2012-06-01",
  });
  ids.t2 = await f.threat({
    jurisdiction: "IS",
    categories: ["encryption"],
    firstSeenOn: "2011-05-01",
    outcome: "partially_mitigated",
    outcomeOn: "2012-12-31",
  });
  ids.t3 = await f.threat({
    jurisdiction: "IS",
    categories: ["encryption", "fragmentation"],
    firstSeenOn: "2012-12-31",
    outcome: "not_mitigated",
    outcomeOn: "2012-09-09",
    severity: "critical",
  });
  ids.t4 = await f.threat({
    jurisdiction: "IS",
    categories: ["fragmentation"],
    firstSeenOn: "2012-01-10",
    outcome: "mitigated",
    outcomeOn: "2013-01-01",
  });
  ids.t5 = await f.threat({ jurisdiction: "IS", categories: ["encryption"], firstSeenOn: "2012-07-01" });
  ids.t6 = await f.threat({
    jurisdiction: "FI",
    categories: ["privacy"],
    firstSeenOn: "2012-02-02",
    outcome: "mitigated",
    outcomeOn: "2012-05-05",
    kind: "court_case",
  });
  ids.t7 = await f.threat({ jurisdiction: "INT", categories: ["encryption"], firstSeenOn: "2012-04-04" });

  const c1 = await f.chapter({ jurisdiction: "IS", region: "europe" });
  const c2 = await f.chapter({ jurisdiction: "IS", kind: "sig" });
  const c3 = await f.chapter({ jurisdiction: "IS", status: "inactive" });
  await f.chapter({ jurisdiction: "IS" });
  const m1 = await f.member({ jurisdiction: "IS", status: "active" });
  const m2 = await f.member({ jurisdiction: "IS", status: "suspended" });
  const m3 = await f.member({ jurisdiction: "IS", status: "active", listed: false });
  const m4 = await f.member({ jurisdiction: "IS", status: "left" });

  await f.action({ chapterId: c1, kind: "meeting", on: "2012-12-31", threatId: ids.t3 });
  await f.action({ chapterId: c1, kind: "amicus_brief", on: "2012-05-05", threatId: ids.t6 });
  await f.action({ chapterId: c2, kind: "amicus_brief", on: "2012-07-07", threatId: ids.t1, status: "withdrawn" });
  await f.action({ chapterId: c2, kind: "impact_assessment", on: "2013-01-01", threatId: ids.t5 });
  await f.action({ chapterId: c2, kind: "media", on: "2011-12-31", threatId: ids.t1 });
  await f.action({ chapterId: c3, kind: "meeting", on: "2012-03-03" });
  await f.action({ memberId: m1, kind: "open_letter", on: "2012-08-08", threatId: ids.t7 });
  await f.action({ memberId: m2, kind: "meeting", on: "2012-08-09", threatId: ids.t1 });
  await f.action({ memberId: m3, kind: "meeting", on: "2012-02-02", status: "pending" });
  await f.action({ memberId: m4, kind: "meeting", on: "2012-02-03" });

  await f.statement({ jurisdiction: "IS", on: "2012-01-01", stance: "supportive", kind: "statement" });
  await f.statement({ jurisdiction: "IS", on: "2012-06-06", stance: "supportive", kind: "delegation_position" });
  await f.statement({ jurisdiction: "IS", on: "2012-12-31", stance: "opposed", kind: "statement" });
  await f.statement({ jurisdiction: "IS", on: "2011-12-31", stance: "supportive", kind: "statement" });
  await f.statement({ jurisdiction: "IS", on: "2013-01-01", stance: "supportive", kind: "statement" });

  // The 2012 edition on 31 December; one event in Los Angeles runs late into the evening, so its
  // UTC start is in 2013, and it still belongs to the 2012 edition.
  const e2012 = await f.edition(2012, "2012-12-31");
  const e2013 = await f.edition(2013, "2013-01-01");
  const times = {
    startsLocal: "2012-12-31T10:00",
    endsLocal: "2012-12-31T12:00",
    timezone: "UTC",
    startsAt: "2012-12-31T10:00:00.000Z",
    endsAt: "2012-12-31T12:00:00.000Z",
  };
  await f.event({
    editionId: e2012,
    status: "approved",
    jurisdiction: "IS",
    kind: "training",
    ...times,
    report: { attendance: 100, online: 200, media: 300 },
  });
  await f.event({
    editionId: e2012,
    status: "approved",
    jurisdiction: "US",
    startsLocal: "2012-12-31T22:00",
    endsLocal: "2013-01-01T01:00",
    timezone: "America/Los_Angeles",
    startsAt: "2013-01-01T06:00:00.000Z",
    endsAt: "2013-01-01T09:00:00.000Z",
    report: { attendance: 50, online: null, media: 10 },
  });
  await f.event({
    editionId: e2012,
    status: "submitted",
    jurisdiction: "IS",
    ...times,
    report: { attendance: 1000, online: 0, media: 0 },
  });
  await f.event({
    editionId: e2012,
    status: "withdrawn",
    jurisdiction: "IS",
    ...times,
    report: { attendance: 1000, online: 0, media: 0 },
  });
  await f.event({ editionId: e2012, status: "approved", jurisdiction: "IS", ...times });
  await f.event({
    editionId: e2013,
    status: "approved",
    jurisdiction: "IS",
    ...times,
    report: { attendance: 5000, online: 0, media: 0 },
  });

  const c = await f.campaign(ids.t1, "IS");
  await f.letter(c, "delivered", [
    { to: "queued", at: "2012-03-01T10:00:00.000Z" },
    { to: "sent", at: "2012-03-02T10:00:00.000Z" },
    { to: "delivered", at: "2012-03-02T10:05:00.000Z" },
  ]);
  await f.letter(c, "sent", [{ to: "sent", at: "2012-12-31T23:59:59.999Z" }]);
  await f.letter(c, "bounced", [
    { to: "sent", at: "2012-05-05T10:00:00.000Z" },
    { to: "bounced", at: "2012-05-05T10:01:00.000Z" },
  ]);
  await f.letter(c, "delivered", [
    { to: "sent", at: "2011-12-31T23:00:00.000Z" },
    { to: "delivered", at: "2012-01-01T01:00:00.000Z" },
  ]);
  await f.letter(c, "queued", [{ to: "queued", at: "2012-04-04T10:00:00.000Z" }]);

  const letterId = await f.openLetter();
  await f.signature({
    letterId,
    kind: "individual",
    status: "confirmed",
    confirmedAt: "2012-01-01T00:00:00.000Z",
    jurisdiction: "IS",
  });
  await f.signature({ letterId, kind: "individual", status: "confirmed", confirmedAt: "2012-12-31T23:59:59.999Z" });
  await f.signature({ letterId, kind: "organisation", status: "confirmed", confirmedAt: "2012-07-07T07:07:07.000Z" });
  await f.signature({ letterId, kind: "individual", status: "confirmed", confirmedAt: "2013-01-01T00:00:00.000Z" });
  await f.signature({ letterId, kind: "individual", status: "withdrawn", confirmedAt: "2012-06-06T00:00:00.000Z" });
  await f.signature({ letterId, kind: "individual", status: "pending", confirmedAt: null });
  await f.signature({ letterId, kind: "individual", status: "rejected", confirmedAt: "2012-06-07T00:00:00.000Z" });
});

describe("threat metrics", () => {
  it("share mitigated: decided in the year, mitigated or partially mitigated over all decided", async () => {
    // t1 mitigated, t2 partially (decided on 31 Dec), t3 not; t4 decided in 2013, t5 open.
    const r = await measure("threats_mitigated_share", { jurisdiction: "IS", category: "encryption" });
    expect(r).toMatchObject({ value: 66.7, unit: "percent", parts: { counted: 2, total: 3 } });
    expect(r.rows!.filter((row) => row.counted).map((row) => row.key)).toEqual([
      `threat:${ids.t1}`,
      `threat:${ids.t2}`,
    ]);
    expect((await measure("threats_mitigated_share", { jurisdiction: "IS", category: "fragmentation" })).value).toBe(0);
    expect((await measure("threats_mitigated_share", { jurisdiction: "FI", kind: "court_case" })).value).toBe(100);
    expect((await measure("threats_mitigated_share", { jurisdiction: "IS", severity: "critical" })).parts).toEqual({
      counted: 0,
      total: 1,
    });
  });

  it("share mitigated is 0, not an error, when nothing was decided", async () => {
    expect(await measure("threats_mitigated_share", { jurisdiction: "NR" })).toMatchObject({
      value: 0,
      parts: { counted: 0, total: 0 },
    });
  });

  it("new threats fought: first seen in the year (31 December included), an accepted action that year", async () => {
    // t1 (an accepted action by a member suspended since still counts), t3 (first seen and fought on
    // 31 December); t4 has no action, t5 was fought only in 2013.
    const r = await measure("new_threats_fought", { jurisdiction: "IS" });
    expect(r).toMatchObject({ value: 2, unit: "count", parts: { counted: 2, total: 4 } });
    expect(r.rows!.find((row) => row.key === `threat:${ids.t3}`)).toMatchObject({
      counted: true,
      amount: 1,
      date: "2012-12-31",
    });
    expect(r.rows!.find((row) => row.key === `threat:${ids.t5}`)).toMatchObject({ counted: false, amount: 0 });
  });

  it("countries fought: countries only, of threats with an accepted action in the year", async () => {
    const r = await measure("countries_fought");
    expect(r.rows!.map((row) => row.jurisdiction)).toEqual(["FI", "IS"]);
    expect(r.value).toBe(2);
    expect((await measure("countries_fought", { category: "encryption" })).value).toBe(1);
  });
});

describe("activity metrics", () => {
  it("statements: by date in the year (1 January and 31 December included), stance and kind", async () => {
    expect((await measure("policymaker_statements", { jurisdiction: "IS" })).value).toBe(3);
    expect((await measure("policymaker_statements", { jurisdiction: "IS", stance: "supportive" })).value).toBe(2);
    const r = await measure("policymaker_statements", { jurisdiction: "IS", stance: "supportive", kind: "statement" });
    expect(r.value).toBe(1);
    expect(r.rows![0].date).toBe("2012-01-01");
  });

  it("chapters advocating: active chapters only; withdrawn and other years' actions do not count", async () => {
    expect(await measure("chapters_advocating_share", { jurisdiction: "IS" })).toMatchObject({
      value: 33.3,
      parts: { counted: 1, total: 3 },
    });
    expect((await measure("chapters_advocating_share", { jurisdiction: "IS", kind: "sig" })).value).toBe(0);
    expect((await measure("chapters_advocating_share", { jurisdiction: "IS", region: "europe" })).value).toBe(100);
  });

  it("members advocating: suspended and departed members are out; pending actions do not count", async () => {
    const r = await measure("members_advocating_share", { jurisdiction: "IS" });
    expect(r).toMatchObject({ value: 50, parts: { counted: 1, total: 2 } });
    // The member who did not agree to be listed is not named.
    expect(r.rows!.filter((row) => row.label === null)).toHaveLength(1);
  });

  it("actions by kind: accepted and dated in the year; withdrawn never", async () => {
    expect((await measure("advocacy_actions", { kind: "amicus_brief" })).value).toBe(1);
    expect((await measure("advocacy_actions", { kind: "impact_assessment" })).value).toBe(0);
    // c1 ×2, c3, m1, m2 (suspended later, the action stays), m4: pending, withdrawn and other years left out.
    expect((await measure("advocacy_actions")).value).toBe(6);
  });
});

describe("outreach metrics", () => {
  it("events of the year's edition, approved, whatever their UTC dates", async () => {
    expect((await measure("ged_events")).value).toBe(3);
    expect((await measure("ged_events", { jurisdiction: "US" })).value).toBe(1);
    expect((await measure("ged_events", { kind: "training" })).value).toBe(1);
  });

  it("reach: attendance + online views + media reach as reported, unreported events add nothing", async () => {
    const r = await measure("ged_reach");
    expect(r).toMatchObject({ value: 660, unit: "people" });
    expect((await measure("ged_reach", { jurisdiction: "US" })).value).toBe(60);
  });

  it("letters sent: sent or delivered now, counted in the year of their first sent transition", async () => {
    const r = await measure("letters_sent");
    expect(r).toMatchObject({ value: 2, unit: "count" });
    expect(r.rows).toHaveLength(1);
    expect((await measure("letters_sent", { jurisdiction: "FR" })).value).toBe(0);
  });

  it("signatures: confirmed now, by the year of confirmation", async () => {
    expect((await measure("signatures_confirmed")).value).toBe(3);
    expect((await measure("signatures_confirmed", { kind: "organisation" })).value).toBe(1);
    expect((await measure("signatures_confirmed", { jurisdiction: "IS" })).value).toBe(1);
  });

  it("manual: the entered figure and unit", async () => {
    const r = await computeTarget(target("manual", {}, { manual_value: 7, manual_unit: "people" }), true);
    expect(r).toEqual({ value: 7, unit: "people", rows: [] });
  });
});
