/**
 * The yearly report's figures against hand-computed fixtures in 2010 (the report's year) and 2009
 * (the year before), years the demo data does not touch, with the edges of each definition: a
 * threat decided the year before (out), one first seen on 31 December (in), one decided the year
 * after (open at year end), a statement on 1 January of each year, a member who joined on
 * 31 December, an unreported event, a withdrawn action, a letter first sent the year before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { computeReport } from "~/features/reports/report.server";
import { flattenFigures, type ReportFigures } from "~/features/reports/types";
import { computeTarget, type Target } from "~/features/targets/metrics.server";
import * as f from "../support/target-fixtures";

const YEAR = 2010;
const PREVIOUS = 2009;
const EMPTY_YEAR = 1990;

function metricTarget(metric: string, year: number): Target {
  return {
    id: 0,
    year,
    title: "t",
    original_locale: "en",
    metric,
    filter: null,
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
  };
}

function sectionOf(report: ReportFigures, key: string) {
  const section = report.sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return section;
}

function figure(report: ReportFigures, key: string) {
  const found = sectionOf(report, key.split(".")[0]!).figures.find((x) => x.key === key);
  if (!found) throw new Error(`no figure ${key}`);
  return found;
}

const value = (report: ReportFigures, key: string) => figure(report, key).value;

function items(report: ReportFigures, key: string) {
  const found = sectionOf(report, key.split(".")[0]!).breakdowns.find((b) => b.key === key);
  if (!found) throw new Error(`no breakdown ${key}`);
  return found.items;
}

function rows(report: ReportFigures, key: string) {
  const found = sectionOf(report, key.split(".")[0]!).lists.find((l) => l.key === key);
  if (!found) throw new Error(`no list ${key}`);
  return found.rows;
}

const ids: Record<string, number> = {};
const slugs: Record<string, string> = {};
let report: ReportFigures;

const at = (day: string) => ({
  startsLocal: `${day}T10:00`,
  endsLocal: `${day}T12:00`,
  timezone: "UTC",
  startsAt: `${day}T10:00:00.000Z`,
  endsAt: `${day}T12:00:00.000Z`,
});

beforeAll(async () => {
  // Chapters: Iceland and Finland in Europe, Uruguay in the Americas, New Zealand without a region;
  // Estonia has none. The threats' and actions' regions follow.
  const cIS = await f.chapter({ jurisdiction: "IS", region: "europe" });
  const cFI = await f.chapter({ jurisdiction: "FI", region: "europe" });
  const cUY = await f.chapter({ jurisdiction: "UY", region: "americas" });
  const cNZ = await f.chapter({ jurisdiction: "NZ" });

  // Threats (days from first sighting to decision in brackets).
  ids.t1 = await f.threat({
    jurisdiction: "IS",
    categories: ["encryption"],
    firstSeenOn: "2009-03-01",
    outcome: "mitigated",
    outcomeOn: "2010-02-01", // 337
  });
  ids.t2 = await f.threat({
    jurisdiction: "IS",
    categories: ["encryption", "privacy"],
    firstSeenOn: "2010-01-10",
    outcome: "partially_mitigated",
    outcomeOn: "2010-06-10", // 151
  });
  ids.t3 = await f.threat({
    jurisdiction: "FI",
    kind: "court_case",
    categories: ["privacy"],
    firstSeenOn: "2010-03-01",
    outcome: "not_mitigated",
    outcomeOn: "2010-09-01", // 184
  });
  ids.t4 = await f.threat({
    jurisdiction: "FI",
    categories: ["fragmentation"],
    firstSeenOn: "2008-05-01",
    outcome: "not_mitigated",
    outcomeOn: "2009-11-01", // 549, decided in 2009
  });
  ids.t5 = await f.threat({
    jurisdiction: "UY",
    kind: "regulation",
    categories: ["shutdown"],
    firstSeenOn: "2010-12-31",
  });
  ids.t6 = await f.threat({
    jurisdiction: "NZ",
    categories: ["encryption"],
    firstSeenOn: "2010-04-01",
    outcome: "mitigated",
    outcomeOn: "2011-03-01", // decided after the year: open at its end
  });
  ids.t7 = await f.threat({ jurisdiction: "EE", categories: ["other"], firstSeenOn: "2011-01-01" });
  ids.t8 = await f.threat({
    jurisdiction: "IS",
    kind: "court_case",
    categories: ["encryption"],
    firstSeenOn: "2009-06-01",
    outcome: "mitigated",
    outcomeOn: "2010-12-31", // 578
  });
  ids.t9 = await f.threat({ jurisdiction: "EE", categories: ["encryption"], firstSeenOn: "2007-01-01" });
  ids.t10 = await f.threat({
    jurisdiction: "IS",
    kind: "regulation",
    categories: ["encryption"],
    firstSeenOn: "2009-01-01",
    outcome: "mitigated",
    outcomeOn: "2009-01-31", // 30, decided in 2009
  });
  ids.t11 = await f.threat({
    jurisdiction: "EE",
    kind: "other",
    categories: ["privacy"],
    firstSeenOn: "2009-02-01",
    outcome: "partially_mitigated",
    outcomeOn: "2009-04-12", // 70, decided in 2009
  });
  await db.updateTable("threats").set({ short_name: "Short T8" }).where("id", "=", ids.t8).execute();
  for (const row of await db.selectFrom("threats").select(["id", "slug"]).execute()) {
    for (const [name, id] of Object.entries(ids)) if (id === row.id) slugs[name] = row.slug;
  }

  // Statements: 2010 has four (1 January and 31 December included), 2009 two; 1 January 2011 is out.
  await f.statement({ jurisdiction: "IS", on: "2010-01-01", stance: "supportive", kind: "statement" });
  await f.statement({ jurisdiction: "IS", on: "2010-05-05", stance: "opposed", kind: "delegation_position" });
  await f.statement({ jurisdiction: "FI", on: "2010-12-31", stance: "supportive", kind: "policy_adopted" });
  await f.statement({ jurisdiction: "UY", on: "2010-07-07", stance: "neutral", kind: "statement" });
  await f.statement({ jurisdiction: "IS", on: "2011-01-01", stance: "supportive", kind: "statement" });
  await f.statement({ jurisdiction: "FI", on: "2009-12-31", stance: "supportive", kind: "statement" });
  await f.statement({ jurisdiction: "UY", on: "2009-01-01", stance: "opposed", kind: "statement" });

  // Coalition members and when they joined.
  const joined = async (id: number, on: string | null) =>
    db.updateTable("coalition_members").set({ joined_on: on }).where("id", "=", id).execute();
  ids.m1 = await f.member({ jurisdiction: "IS", status: "active", sector: "civil_society" });
  await joined(ids.m1, "2006-05-01");
  ids.m2 = await f.member({ jurisdiction: "FI", status: "active", sector: "industry" });
  await joined(ids.m2, "2008-02-02");
  ids.m3 = await f.member({ jurisdiction: "IS", status: "active", sector: "academia" });
  await joined(ids.m3, "2009-07-07");
  ids.m4 = await f.member({ jurisdiction: "UY", status: "active", sector: "civil_society" });
  await joined(ids.m4, "2010-03-03");
  ids.m5 = await f.member({ jurisdiction: "NZ", status: "active", sector: "industry" });
  await joined(ids.m5, "2010-12-31");
  ids.m6 = await f.member({ jurisdiction: "EE", status: "active", sector: "civil_society" });
  await joined(ids.m6, "2011-01-01");
  ids.m7 = await f.member({ jurisdiction: "LT", status: "suspended", sector: "civil_society" });
  await joined(ids.m7, "2007-01-01");
  ids.m8 = await f.member({ jurisdiction: "LT", status: "left", sector: "academia" });
  await joined(ids.m8, "2008-01-01");
  ids.m9 = await f.member({ jurisdiction: "CL", status: "active", sector: "government" });
  await joined(ids.m9, null);

  // Global Encryption Day: the 2010 and 2009 editions.
  const ed2010 = await f.edition(2010, "2010-10-21");
  const ed2009 = await f.edition(2009, "2009-10-21");
  const day2010 = at("2010-10-21");
  const day2009 = at("2009-10-21");
  await f.event({
    editionId: ed2010,
    status: "approved",
    jurisdiction: "IS",
    kind: "training",
    ...day2010,
    report: { attendance: 100, online: 200, media: 300 },
  });
  await f.event({
    editionId: ed2010,
    status: "approved",
    jurisdiction: "FI",
    kind: "online",
    ...day2010,
    report: { attendance: null, online: 50, media: null },
  });
  await f.event({ editionId: ed2010, status: "approved", jurisdiction: "IS", kind: "training", ...day2010 });
  await f.event({
    editionId: ed2010,
    status: "approved",
    jurisdiction: "UY",
    kind: "direct_advocacy",
    ...day2010,
    report: { attendance: 10, online: 0, media: 5 },
  });
  await f.event({
    editionId: ed2010,
    status: "submitted",
    jurisdiction: "NZ",
    ...day2010,
    report: { attendance: 1000, online: 0, media: 0 },
  });
  await f.event({
    editionId: ed2010,
    status: "withdrawn",
    jurisdiction: "IS",
    ...day2010,
    report: { attendance: 1000, online: 0, media: 0 },
  });
  await f.event({
    editionId: ed2009,
    status: "approved",
    jurisdiction: "IS",
    kind: "other",
    ...day2009,
    report: { attendance: 40, online: 0, media: 0 },
  });
  await f.event({
    editionId: ed2009,
    status: "approved",
    jurisdiction: "FI",
    kind: "media",
    ...day2009,
    report: { attendance: 1, online: 2, media: 3 },
  });
  await f.event({
    editionId: ed2009,
    status: "changes_requested",
    jurisdiction: "IS",
    ...day2009,
    report: { attendance: 500, online: 0, media: 0 },
  });

  // Advocacy actions.
  await f.action({ chapterId: cIS, kind: "meeting", on: "2010-01-01", threatId: ids.t1 });
  await f.action({ chapterId: cIS, kind: "media", on: "2010-06-06", threatId: ids.t1 });
  await f.action({ chapterId: cFI, kind: "meeting", on: "2010-12-31", threatId: ids.t3 });
  await f.action({ chapterId: cUY, kind: "open_letter", on: "2010-03-03", threatId: ids.t5 });
  await f.action({ chapterId: cNZ, kind: "training", on: "2010-04-04", threatId: ids.t1 });
  await f.action({ memberId: ids.m1, kind: "public_statement", on: "2010-05-05", threatId: ids.t3 });
  await f.action({ memberId: ids.m7, kind: "meeting", on: "2010-07-07" });
  await f.action({ chapterId: cIS, kind: "social_media", on: "2010-09-09", threatId: ids.t6 });
  await f.action({ chapterId: cFI, kind: "other", on: "2010-10-10", threatId: ids.t8 });
  await f.action({ chapterId: cUY, kind: "event", on: "2010-11-11", threatId: ids.t2 });
  await f.action({ chapterId: cIS, kind: "meeting", on: "2010-08-08", threatId: ids.t1, status: "pending" });
  await f.action({ chapterId: cIS, kind: "meeting", on: "2010-08-09", threatId: ids.t1, status: "withdrawn" });
  await f.action({ chapterId: cFI, kind: "meeting", on: "2010-08-10", threatId: ids.t1, status: "needs_changes" });
  await f.action({ chapterId: cUY, kind: "meeting", on: "2011-01-01", threatId: ids.t1 });
  await f.action({ chapterId: cIS, kind: "meeting", on: "2009-12-31", threatId: ids.t1 });
  await f.action({ memberId: ids.m2, kind: "written_submission", on: "2009-05-05" });

  // Open letters, by their opening date.
  const opens = async (on: string | null) => {
    const id = await f.openLetter();
    await db.updateTable("open_letters").set({ opens_on: on }).where("id", "=", id).execute();
    return id;
  };
  const ol1 = await opens("2010-01-01");
  await opens("2010-12-31");
  await opens("2011-01-01");
  await opens("2009-06-01");
  await opens(null);
  const sign = (
    kind: "organisation" | "individual",
    status: "pending" | "confirmed" | "withdrawn",
    at: string | null,
  ) => f.signature({ letterId: ol1, kind, status, confirmedAt: at });
  await sign("individual", "confirmed", "2010-01-01T00:00:00.000Z");
  await sign("individual", "confirmed", "2010-12-31T23:59:59.999Z");
  await sign("organisation", "confirmed", "2010-07-07T07:07:07.000Z");
  await sign("organisation", "confirmed", "2010-08-08T08:08:08.000Z");
  await sign("organisation", "withdrawn", "2010-06-06T00:00:00.000Z");
  await sign("individual", "confirmed", "2011-01-01T00:00:00.000Z");
  await sign("individual", "pending", null);
  await sign("individual", "confirmed", "2009-12-31T23:59:59.000Z");
  await sign("organisation", "confirmed", "2009-02-02T00:00:00.000Z");

  // Letters to lawmakers in Iceland and Finland.
  const toIS = await f.campaign(ids.t1, "IS");
  const toFI = await f.campaign(ids.t3, "FI");
  await f.letter(toIS, "delivered", [
    { to: "queued", at: "2010-03-01T10:00:00.000Z" },
    { to: "sent", at: "2010-03-02T10:00:00.000Z" },
    { to: "delivered", at: "2010-03-02T10:05:00.000Z" },
  ]);
  await f.letter(toIS, "sent", [{ to: "sent", at: "2010-12-31T23:59:59.999Z" }]);
  await f.letter(toIS, "bounced", [
    { to: "sent", at: "2010-05-05T10:00:00.000Z" },
    { to: "bounced", at: "2010-05-05T10:01:00.000Z" },
  ]);
  await f.letter(toIS, "delivered", [
    { to: "sent", at: "2009-12-31T23:00:00.000Z" },
    { to: "delivered", at: "2010-01-01T01:00:00.000Z" },
  ]);
  await f.letter(toIS, "queued", [{ to: "queued", at: "2010-04-04T10:00:00.000Z" }]);
  await f.letter(toIS, "delivered", [
    { to: "sent", at: "2009-11-01T10:00:00.000Z" },
    { to: "sent", at: "2010-02-02T10:00:00.000Z" },
    { to: "delivered", at: "2010-02-02T10:01:00.000Z" },
  ]);
  await f.letter(toFI, "delivered", [
    { to: "sent", at: "2010-04-04T10:00:00.000Z" },
    { to: "delivered", at: "2010-04-04T10:01:00.000Z" },
  ]);
  await f.letter(toFI, "sent", [{ to: "sent", at: "2011-01-01T00:00:00.000Z" }]);

  // One target for the year, so that the targets section has a line.
  ids.target = await f.target({ year: YEAR, metric: "advocacy_actions", goal: 5 });

  report = await computeReport(YEAR, new Date("2026-12-04T00:00:00.000Z"));
});

describe("threats", () => {
  it("tracked, new, decided, mitigated share and median days to a decision", () => {
    // Tracked: t1, t2, t3, t5 (first seen 31 Dec), t6 (decided 2011), t8, t9 = 7; t4, t10, t11 were
    // decided in 2009 and t7 first seen in 2011.
    expect(value(report, "threats.tracked")).toBe(7);
    // New: t2, t3, t5, t6.
    expect(value(report, "threats.new")).toBe(4);
    // Decided: t1, t2, t3, t8; three of them (t1, t2, t8) mitigated fully or partly.
    expect(value(report, "threats.decided")).toBe(4);
    expect(value(report, "threats.mitigated_share")).toBe(75);
    // An even count: 151, 184, 337, 578 → (184 + 337) / 2 = 260.5 → 261.
    expect(value(report, "threats.median_days_to_decision")).toBe(261);
  });

  it("by outcome, category, region and median days by kind", () => {
    // Open at year end: t5, t6 (decided only in 2011), t9.
    expect(items(report, "threats.by_outcome")).toEqual([
      { key: "mitigated", value: 2 },
      { key: "partially_mitigated", value: 1 },
      { key: "not_mitigated", value: 1 },
      { key: "open", value: 3 },
    ]);
    // encryption: t1, t2, t6, t8, t9; privacy: t2, t3; shutdown: t5.
    expect(items(report, "threats.by_category")).toEqual([
      { key: "encryption", value: 5 },
      { key: "fragmentation", value: 0 },
      { key: "shutdown", value: 1 },
      { key: "intermediary_liability", value: 0 },
      { key: "routing_security", value: 0 },
      { key: "privacy", value: 2 },
      { key: "other", value: 0 },
    ]);
    // Europe: t1, t2, t8 (IS), t3 (FI); Americas: t5 (UY); unassigned: t6 in New Zealand, whose
    // chapter has no region, and t9 in Estonia, which has no chapter.
    expect(items(report, "threats.by_region")).toEqual([
      { key: "europe", value: 4 },
      { key: "unassigned", value: 2 },
      { key: "americas", value: 1 },
    ]);
    // Bills: 337, 151 → 244; court cases: 184, 578 → 381; no other kind was decided.
    expect(items(report, "threats.median_days_by_kind")).toEqual([
      { key: "bill", value: 244 },
      { key: "court_case", value: 381 },
    ]);
  });

  it("lists the decided threats by date of decision, with their outcome", () => {
    expect(rows(report, "threats.decided_list")).toEqual([
      {
        label: `Fixture ${slugs.t1}`,
        href: `/threats/${slugs.t1}`,
        date: "2010-02-01",
        jurisdiction: "IS",
        tag: "threats:outcome.mitigated",
        amount: null,
      },
      {
        label: `Fixture ${slugs.t2}`,
        href: `/threats/${slugs.t2}`,
        date: "2010-06-10",
        jurisdiction: "IS",
        tag: "threats:outcome.partially_mitigated",
        amount: null,
      },
      {
        label: `Fixture ${slugs.t3}`,
        href: `/threats/${slugs.t3}`,
        date: "2010-09-01",
        jurisdiction: "FI",
        tag: "threats:outcome.not_mitigated",
        amount: null,
      },
      {
        label: "Short T8",
        href: `/threats/${slugs.t8}`,
        date: "2010-12-31",
        jurisdiction: "IS",
        tag: "threats:outcome.mitigated",
        amount: null,
      },
    ]);
  });

  it("the year before: an odd count of decisions", () => {
    // 2009 tracked: t1, t4, t8, t9, t10, t11; new: t1, t8, t10, t11; decided: t4, t10, t11, of
    // which t10 and t11 mitigated (2 of 3 = 66.7 %); median of 30, 70, 549 = 70.
    expect(figure(report, "threats.tracked").previous).toBe(6);
    expect(figure(report, "threats.new").previous).toBe(4);
    expect(figure(report, "threats.decided").previous).toBe(3);
    expect(figure(report, "threats.mitigated_share").previous).toBe(66.7);
    expect(figure(report, "threats.median_days_to_decision").previous).toBe(70);
  });
});

describe("policymakers", () => {
  it("statements dated in the year, 1 January included and the next 1 January out", () => {
    expect(value(report, "policymakers.statements")).toBe(4);
    expect(value(report, "policymakers.supportive")).toBe(2);
    expect(value(report, "policymakers.countries")).toBe(3);
    expect(items(report, "policymakers.by_stance")).toEqual([
      { key: "supportive", value: 2 },
      { key: "neutral", value: 1 },
      { key: "opposed", value: 1 },
    ]);
    expect(items(report, "policymakers.by_kind")).toEqual([
      { key: "statement", value: 2 },
      { key: "delegation_position", value: 1 },
      { key: "policy_adopted", value: 1 },
    ]);
    // Largest first, ties by code.
    expect(items(report, "policymakers.by_country")).toEqual([
      { key: "IS", value: 2 },
      { key: "FI", value: 1 },
      { key: "UY", value: 1 },
    ]);
    // 2009: FI on 31 December (supportive), UY on 1 January.
    expect(figure(report, "policymakers.statements").previous).toBe(2);
    expect(figure(report, "policymakers.supportive").previous).toBe(1);
    expect(figure(report, "policymakers.countries").previous).toBe(2);
  });
});

describe("coalition", () => {
  it("active members who joined by 31 December; suspended, departed and undated members are out", () => {
    // m1 (2006), m2 (2008), m3 (2009), m4 (2010), m5 (31 Dec 2010); m6 joined in 2011, m7 is
    // suspended, m8 left, m9 has no joining date.
    expect(value(report, "coalition.members")).toBe(5);
    expect(value(report, "coalition.countries")).toBe(4); // IS, FI, UY, NZ
    expect(value(report, "coalition.joined")).toBe(2); // m4, m5
    expect(items(report, "coalition.by_sector")).toEqual([
      { key: "civil_society", value: 2 },
      { key: "industry", value: 2 },
      { key: "academia", value: 1 },
      { key: "individual_expert", value: 0 },
      { key: "child_safety", value: 0 },
      { key: "government", value: 0 },
      { key: "other", value: 0 },
    ]);
    expect(items(report, "coalition.growth")).toEqual([
      { key: "2006", value: 1 },
      { key: "2007", value: 1 },
      { key: "2008", value: 2 },
      { key: "2009", value: 3 },
      { key: "2010", value: 5 },
    ]);
    // 2009: m1, m2, m3 in IS and FI; m3 joined that year.
    expect(figure(report, "coalition.members").previous).toBe(3);
    expect(figure(report, "coalition.countries").previous).toBe(2);
    expect(figure(report, "coalition.joined").previous).toBe(1);
  });
});

describe("Global Encryption Day", () => {
  it("approved events of the edition and the people they reached", () => {
    // Approved in 2010: IS training (600), FI online (50), IS training unreported (0), UY direct
    // advocacy (15); the submitted and withdrawn events are out.
    expect(value(report, "ged.events")).toBe(4);
    expect(value(report, "ged.countries")).toBe(3);
    expect(value(report, "ged.reach")).toBe(665);
    expect(items(report, "ged.reach_by_kind")).toEqual([
      { key: "attendance", value: 110 },
      { key: "online_views", value: 250 },
      { key: "media_reach", value: 305 },
    ]);
    expect(items(report, "ged.by_event_kind")).toEqual([
      { key: "letter_signing", value: 0 },
      { key: "direct_advocacy", value: 1 },
      { key: "training", value: 2 },
      { key: "media", value: 0 },
      { key: "online", value: 1 },
      { key: "other", value: 0 },
    ]);
    // 2009: IS (40) and FI (1 + 2 + 3) approved; changes requested is out.
    expect(items(report, "ged.editions_events")).toEqual([
      { key: "2006", value: 0 },
      { key: "2007", value: 0 },
      { key: "2008", value: 0 },
      { key: "2009", value: 2 },
      { key: "2010", value: 4 },
    ]);
    expect(items(report, "ged.editions_reach")).toEqual([
      { key: "2006", value: 0 },
      { key: "2007", value: 0 },
      { key: "2008", value: 0 },
      { key: "2009", value: 46 },
      { key: "2010", value: 665 },
    ]);
    expect(figure(report, "ged.events").previous).toBe(2);
    expect(figure(report, "ged.countries").previous).toBe(2);
    expect(figure(report, "ged.reach").previous).toBe(46);
  });
});

describe("advocacy", () => {
  it("accepted actions dated in the year, by kind and region", () => {
    // Ten accepted in 2010; pending, withdrawn, needs changes and 2011 are out.
    expect(value(report, "advocacy.actions")).toBe(10);
    expect(items(report, "advocacy.by_kind")).toEqual([
      { key: "meeting", value: 3 },
      { key: "written_submission", value: 0 },
      { key: "open_letter", value: 1 },
      { key: "public_statement", value: 1 },
      { key: "media", value: 1 },
      { key: "social_media", value: 1 },
      { key: "training", value: 1 },
      { key: "impact_assessment", value: 0 },
      { key: "amicus_brief", value: 0 },
      { key: "event", value: 1 },
      { key: "other", value: 1 },
    ]);
    // Europe: IS ×3, FI ×2; Americas: UY ×2; coalition: m1 and m7 (suspended since, the action
    // stays); the New Zealand chapter has no region.
    expect(items(report, "advocacy.by_region")).toEqual([
      { key: "europe", value: 5 },
      { key: "americas", value: 2 },
      { key: "coalition", value: 2 },
      { key: "unassigned", value: 1 },
    ]);
    // 2009: a chapter's action on 31 December and a member's.
    expect(figure(report, "advocacy.actions").previous).toBe(2);
  });

  it("the threats most worked on: five at most, most actions first, ties by id", () => {
    // t1 ×3, t3 ×2, then t2, t5, t6, t8 once each: t8 is the sixth.
    const top = rows(report, "advocacy.top_threats");
    expect(top.map((r) => [r.href, r.amount, r.jurisdiction, r.date, r.tag])).toEqual([
      [`/threats/${slugs.t1}`, 3, "IS", null, null],
      [`/threats/${slugs.t3}`, 2, "FI", null, null],
      [`/threats/${slugs.t2}`, 1, "IS", null, null],
      [`/threats/${slugs.t5}`, 1, "UY", null, null],
      [`/threats/${slugs.t6}`, 1, "NZ", null, null],
    ]);
    expect(top[0]!.label).toBe(`Fixture ${slugs.t1}`);
  });

  it("the shares of chapters and members advocating are the targets' metrics", async () => {
    for (const [key, metric] of [
      ["advocacy.chapters_share", "chapters_advocating_share"],
      ["advocacy.members_share", "members_advocating_share"],
    ] as const) {
      const now = await computeTarget(metricTarget(metric, YEAR), false);
      const before = await computeTarget(metricTarget(metric, PREVIOUS), false);
      expect(figure(report, key)).toMatchObject({ value: now.value, previous: before.value, unit: "percent" });
      expect(now.value).toBeGreaterThan(0);
    }
  });
});

describe("letters", () => {
  it("open letters opened, signatures confirmed, letters first sent in the year", () => {
    // Opened on 1 January and 31 December 2010; 2011, 2009 and no date are out.
    expect(value(report, "letters.opened")).toBe(2);
    // Confirmed in 2010 and still confirmed: two individuals, two organisations.
    expect(value(report, "letters.signatures")).toBe(4);
    expect(value(report, "letters.organisations")).toBe(2);
    // First sent in 2010 and sent or delivered now: IS delivered, IS sent (31 Dec), FI delivered;
    // the bounced one, the ones first sent in 2009 and the FI one sent in 2011 are out.
    expect(value(report, "letters.sent")).toBe(3);
    expect(value(report, "letters.delivered")).toBe(2);
    expect(items(report, "letters.sent_by_country")).toEqual([
      { key: "IS", value: 2 },
      { key: "FI", value: 1 },
    ]);
    // Delivered: one to IS, one to FI (ties by code).
    expect(items(report, "letters.delivered_by_country")).toEqual([
      { key: "FI", value: 1 },
      { key: "IS", value: 1 },
    ]);
    // 2009: one letter opened; two signatures, one of an organisation; two letters first sent
    // (one re-sent in 2010), both delivered.
    expect(figure(report, "letters.opened").previous).toBe(1);
    expect(figure(report, "letters.signatures").previous).toBe(2);
    expect(figure(report, "letters.organisations").previous).toBe(1);
    expect(figure(report, "letters.sent").previous).toBe(2);
    expect(figure(report, "letters.delivered").previous).toBe(2);
  });
});

describe("the report as a whole", () => {
  it("every headline figure's previous value is that figure computed for the year before", async () => {
    const before = await computeReport(PREVIOUS);
    for (const section of report.sections) {
      for (const fig of section.figures) {
        const expected = section.key === "targets" ? null : figure(before, fig.key).value;
        expect({ key: fig.key, previous: fig.previous }).toEqual({ key: fig.key, previous: expected });
      }
    }
  });

  it("the targets of the year", () => {
    // One target: accepted actions ≥ 5; there were 10.
    expect(value(report, "targets.total")).toBe(1);
    expect(value(report, "targets.met")).toBe(1);
    expect(figure(report, "targets.total").previous).toBeNull();
    expect(sectionOf(report, "targets").targets).toEqual([
      expect.objectContaining({ id: ids.target, metric: "advocacy_actions", goal: 5, value: 10, met: true }),
    ]);
  });

  it("an empty year: every figure 0, every list empty", async () => {
    const empty = await computeReport(EMPTY_YEAR);
    expect(empty.year).toBe(EMPTY_YEAR);
    for (const section of empty.sections) {
      for (const fig of section.figures) {
        expect({ key: fig.key, value: fig.value }).toEqual({ key: fig.key, value: 0 });
        expect({ key: fig.key, previous: fig.previous }).toEqual({
          key: fig.key,
          previous: section.key === "targets" ? null : 0,
        });
      }
      for (const b of section.breakdowns) {
        for (const item of b.items)
          expect({ key: `${b.key}.${item.key}`, value: item.value }).toMatchObject({ value: 0 });
      }
      for (const list of section.lists) expect({ key: list.key, rows: list.rows }).toEqual({ key: list.key, rows: [] });
      expect(section.targets ?? []).toEqual([]);
    }
    expect(items(empty, "threats.median_days_by_kind")).toEqual([]);
    expect(items(empty, "threats.by_region")).toEqual([]);
    expect(items(empty, "advocacy.by_region")).toEqual([]);
    expect(items(empty, "letters.sent_by_country")).toEqual([]);
    expect(items(empty, "letters.delivered_by_country")).toEqual([]);
    expect(items(empty, "coalition.growth").map((i) => i.key)).toEqual(["1986", "1987", "1988", "1989", "1990"]);
  });

  it("flattens to one row per figure, breakdown item and target, with unique keys", () => {
    const flat = flattenFigures(report);
    const expected = report.sections.reduce(
      (n, s) => n + s.figures.length + s.breakdowns.reduce((m, b) => m + b.items.length, 0) + (s.targets ?? []).length,
      0,
    );
    expect(flat).toHaveLength(expected);
    expect(new Set(flat.map((row) => row.key)).size).toBe(flat.length);
    expect(flat.find((row) => row.key === "threats.by_outcome.open")).toMatchObject({
      section: "threats",
      definitionKey: "threats.by_outcome",
      value: 3,
      previous: null,
    });
    expect(flat.find((row) => row.key === `targets.target.${ids.target}`)).toMatchObject({
      definitionKey: "metric.advocacy_actions",
      value: 10,
    });
    expect(flat.find((row) => row.key === "threats.tracked")).toMatchObject({ value: 7, previous: 6 });
  });
});
