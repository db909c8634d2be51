/**
 * The coalition, Global Encryption Day, advocacy and letters sections of the yearly report. Where
 * a figure is also a target metric, it is computed by that metric, so both say the same number.
 */
import { db } from "~db/connection";
import { ACTION_KINDS, EVENT_KINDS, SECTORS } from "~/lib/vocabularies";
import { yearBounds } from "~/features/targets/status";
import { chaptersAdvocatingShare, membersAdvocatingShare } from "~/features/targets/metrics-activity.server";
import { lettersFirstSentBetween, lettersSent, signaturesConfirmed } from "~/features/targets/metrics-outreach.server";
import { countBy, countryCodes, itemsOf, type Sectioned } from "~/features/reports/compute";

const YEARS_COMPARED = 5;
const TOP_THREATS = 5;
const NO_FILTER = {};

const recentYears = (year: number) => Array.from({ length: YEARS_COMPARED }, (_, i) => year - YEARS_COMPARED + 1 + i);

/**
 * Members at year end: active members (the directory keeps no history of suspensions and
 * departures, so members who left since are not counted) who joined on or before 31 December.
 */
export async function coalitionSection(year: number): Promise<Sectioned> {
  const { from, to } = yearBounds(year);
  const members = await db
    .selectFrom("coalition_members")
    .select(["sector", "jurisdiction_code", "joined_on"])
    .where("status", "=", "active")
    .where("joined_on", "is not", null)
    .where("joined_on", "<", to)
    .execute();
  const atEnd = (y: number) => members.filter((m) => (m.joined_on ?? "") < yearBounds(y).to);
  const isCountry = await countryCodes();
  const countries = new Set(
    members.map((m) => m.jurisdiction_code).filter((c): c is string => !!c && isCountry.has(c)),
  );
  return {
    figures: [
      { key: "coalition.members", value: members.length, unit: "count" },
      { key: "coalition.countries", value: countries.size, unit: "count" },
      { key: "coalition.joined", value: members.filter((m) => (m.joined_on ?? "") >= from).length, unit: "count" },
    ],
    breakdowns: [
      {
        key: "coalition.by_sector",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "coalition:sector" },
        items: itemsOf(
          countBy(members, (m) => m.sector),
          SECTORS,
        ),
      },
      {
        key: "coalition.growth",
        unit: "count",
        naming: { kind: "year" },
        items: recentYears(year).map((y) => ({ key: String(y), value: atEnd(y).length })),
      },
    ],
    lists: [],
  };
}

/**
 * The year's Global Encryption Day edition: approved events, their countries and the people they
 * reached as reported by kind (attendance, online views, media reach are distinct audiences, so
 * they add up and nothing is counted twice), next to the editions of the four years before.
 */
export async function gedSection(year: number): Promise<Sectioned> {
  const years = recentYears(year);
  const events = await db
    .selectFrom("events as e")
    .innerJoin("event_editions as ed", "ed.id", "e.edition_id")
    .select(["ed.year", "e.kind", "e.jurisdiction_code", "e.attendance", "e.online_views", "e.media_reach"])
    .where("e.status", "=", "approved")
    .where("ed.year", ">=", years[0]!)
    .where("ed.year", "<=", year)
    .execute();
  const reach = (e: (typeof events)[number]) => (e.attendance ?? 0) + (e.online_views ?? 0) + (e.media_reach ?? 0);
  const ofYear = (y: number) => events.filter((e) => Number(e.year) === y);
  const current = ofYear(year);
  const isCountry = await countryCodes();
  const sum = (pick: (e: (typeof events)[number]) => number | null) =>
    current.reduce((total, e) => total + (pick(e) ?? 0), 0);
  return {
    figures: [
      { key: "ged.events", value: current.length, unit: "count" },
      {
        key: "ged.countries",
        value: new Set(current.map((e) => e.jurisdiction_code).filter((c) => isCountry.has(c))).size,
        unit: "count",
      },
      { key: "ged.reach", value: current.reduce((t, e) => t + reach(e), 0), unit: "people" },
    ],
    breakdowns: [
      {
        key: "ged.reach_by_kind",
        unit: "people",
        naming: { kind: "vocabulary", prefix: "reports:reachKind" },
        items: [
          { key: "attendance", value: sum((e) => e.attendance) },
          { key: "online_views", value: sum((e) => e.online_views) },
          { key: "media_reach", value: sum((e) => e.media_reach) },
        ],
      },
      {
        key: "ged.by_event_kind",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "events:kind" },
        items: itemsOf(
          countBy(current, (e) => e.kind),
          EVENT_KINDS,
        ),
      },
      {
        key: "ged.editions_events",
        unit: "count",
        naming: { kind: "year" },
        items: years.map((y) => ({ key: String(y), value: ofYear(y).length })),
      },
      {
        key: "ged.editions_reach",
        unit: "people",
        naming: { kind: "year" },
        items: years.map((y) => ({ key: String(y), value: ofYear(y).reduce((t, e) => t + reach(e), 0) })),
      },
    ],
    lists: [],
  };
}

/** Accepted advocacy actions dated in the year: by kind, by the chapter's region, and what they worked on. */
export async function advocacySection(year: number): Promise<Sectioned> {
  const { from, to } = yearBounds(year);
  const accepted = db
    .selectFrom("advocacy_actions as a")
    .where("a.review_status", "=", "accepted")
    .where("a.occurred_on", ">=", from)
    .where("a.occurred_on", "<", to);
  const [byKind, byRegion, topThreats, chapters, members] = await Promise.all([
    accepted
      .select(["a.kind", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("a.kind")
      .execute(),
    accepted
      .leftJoin("chapters as c", "c.id", "a.chapter_id")
      .select(["a.chapter_id", "c.region", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["a.chapter_id", "c.region"])
      .execute(),
    accepted
      .innerJoin("threats as t", "t.id", "a.threat_id")
      .select([
        "t.id",
        "t.slug",
        "t.title",
        "t.short_name",
        "t.jurisdiction_code",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .groupBy(["t.id", "t.slug", "t.title", "t.short_name", "t.jurisdiction_code"])
      .orderBy("n", "desc")
      .orderBy("t.id")
      .limit(TOP_THREATS)
      .execute(),
    chaptersAdvocatingShare({ year, filter: NO_FILTER, withRows: false }),
    membersAdvocatingShare({ year, filter: NO_FILTER, withRows: false }),
  ]);
  const regions = new Map<string, number>();
  for (const row of byRegion) {
    const key = row.chapter_id === null ? "coalition" : (row.region ?? "unassigned");
    regions.set(key, (regions.get(key) ?? 0) + Number(row.n));
  }
  const kinds = new Map(byKind.map((k) => [k.kind as string, Number(k.n)]));
  return {
    figures: [
      { key: "advocacy.actions", value: [...kinds.values()].reduce((a, b) => a + b, 0), unit: "count" },
      { key: "advocacy.chapters_share", value: chapters.value, unit: "percent" },
      { key: "advocacy.members_share", value: members.value, unit: "percent" },
    ],
    breakdowns: [
      {
        key: "advocacy.by_kind",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "actions:kind" },
        items: itemsOf(kinds, ACTION_KINDS),
      },
      {
        key: "advocacy.by_region",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "reports:region" },
        items: itemsOf(regions),
      },
    ],
    lists: [
      {
        key: "advocacy.top_threats",
        rows: topThreats.map((t) => ({
          label: t.short_name || t.title,
          href: `/threats/${encodeURIComponent(t.slug)}`,
          date: null,
          jurisdiction: t.jurisdiction_code,
          tag: null,
          amount: Number(t.n),
        })),
      },
    ],
  };
}

/**
 * Open letters opened in the year (by their opening date), signatures confirmed in the year,
 * organisations among them, and letters to lawmakers first sent in the year, delivered or not,
 * by the lawmaker's country.
 */
export async function lettersSection(year: number): Promise<Sectioned> {
  const { from, to } = yearBounds(year);
  const [opened, signatures, organisations, sent, sentRows] = await Promise.all([
    db
      .selectFrom("open_letters")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "!=", "draft")
      .where("opens_on", ">=", from)
      .where("opens_on", "<", to)
      .where("opens_on", "<=", new Date().toISOString().slice(0, 10))
      .executeTakeFirstOrThrow(),
    signaturesConfirmed({ year, filter: NO_FILTER, withRows: false }),
    signaturesConfirmed({ year, filter: { kind: "organisation" }, withRows: false }),
    lettersSent({ year, filter: NO_FILTER, withRows: false }),
    lettersFirstSentBetween(from, to)
      .innerJoin("lawmakers as m", "m.id", "l.lawmaker_id")
      .select(["m.jurisdiction_code", "l.status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["m.jurisdiction_code", "l.status"])
      .execute(),
  ]);
  const byCountry = new Map<string, number>();
  const deliveredByCountry = new Map<string, number>();
  for (const row of sentRows) {
    byCountry.set(row.jurisdiction_code, (byCountry.get(row.jurisdiction_code) ?? 0) + Number(row.n));
    if (row.status === "delivered") {
      deliveredByCountry.set(
        row.jurisdiction_code,
        (deliveredByCountry.get(row.jurisdiction_code) ?? 0) + Number(row.n),
      );
    }
  }
  const delivered = [...deliveredByCountry.values()].reduce((a, b) => a + b, 0);
  return {
    figures: [
      { key: "letters.opened", value: Number(opened.n), unit: "count" },
      { key: "letters.signatures", value: signatures.value, unit: "count" },
      { key: "letters.organisations", value: organisations.value, unit: "count" },
      { key: "letters.sent", value: sent.value, unit: "count" },
      { key: "letters.delivered", value: delivered, unit: "count" },
    ],
    breakdowns: [
      { key: "letters.sent_by_country", unit: "count", naming: { kind: "jurisdiction" }, items: itemsOf(byCountry) },
      {
        key: "letters.delivered_by_country",
        unit: "count",
        naming: { kind: "jurisdiction" },
        items: itemsOf(deliveredByCountry),
      },
    ],
    lists: [],
  };
}
