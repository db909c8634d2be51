/** The threats and policymakers sections of the yearly report. */
import { db } from "~db/connection";
import { CATEGORIES, OUTCOMES, STANCES, STATEMENT_KINDS, THREAT_KINDS } from "~/lib/vocabularies";
import { yearBounds } from "~/features/targets/status";
import {
  countBy,
  countryCodes,
  median,
  daysBetween,
  itemsOf,
  regionOfJurisdiction,
  type Sectioned,
} from "~/features/reports/compute";
import type { ListRow } from "~/features/reports/types";

const threatHref = (slug: string) => `/threats/${encodeURIComponent(slug)}`;

/**
 * Tracked: threats first seen before the year ended and not decided before it began. New: first
 * seen in the year. Decided: an outcome other than open, decided in the year. Open at year end:
 * tracked and not decided by the year's end.
 */
export async function threatsSection(year: number): Promise<Sectioned> {
  const { from, to } = yearBounds(year);
  const threats = await db
    .selectFrom("threats")
    .select([
      "id",
      "slug",
      "title",
      "short_name",
      "kind",
      "jurisdiction_code",
      "first_seen_on",
      "outcome",
      "outcome_on",
    ])
    .where("first_seen_on", "<", to)
    .where((eb) => eb.or([eb("outcome", "=", "open"), eb("outcome_on", "is", null), eb("outcome_on", ">=", from)]))
    .orderBy("id")
    .execute();
  const decided = threats.filter(
    (t) => t.outcome !== "open" && t.outcome_on && t.outcome_on >= from && t.outcome_on < to,
  );
  const decidedIds = new Set(decided.map((t) => t.id));
  const openAtEnd = threats.filter(
    (t) => !decidedIds.has(t.id) && (t.outcome === "open" || !t.outcome_on || t.outcome_on >= to),
  );
  const categories = threats.length
    ? await db
        .selectFrom("threat_categories")
        .innerJoin("threats", "threats.id", "threat_categories.threat_id")
        .select(["threat_categories.category", (eb) => eb.fn.countAll<number>().as("n")])
        .where("threats.first_seen_on", "<", to)
        .where((eb) =>
          eb.or([
            eb("threats.outcome", "=", "open"),
            eb("threats.outcome_on", "is", null),
            eb("threats.outcome_on", ">=", from),
          ]),
        )
        .groupBy("threat_categories.category")
        .execute()
    : [];
  const regions = await regionOfJurisdiction();
  const outcomeCounts = countBy(decided, (t) => t.outcome);
  outcomeCounts.set("open", openAtEnd.length);
  const daysToDecision = decided.map((t) => ({
    kind: t.kind,
    days: daysBetween(t.first_seen_on, t.outcome_on ?? t.first_seen_on),
  }));
  const medianByKind = new Map<string, number>();
  for (const kind of THREAT_KINDS) {
    const days = daysToDecision.filter((d) => d.kind === kind).map((d) => d.days);
    if (days.length) medianByKind.set(kind, median(days));
  }
  const decidedRows: ListRow[] = [...decided]
    .sort((a, b) => (a.outcome_on ?? "").localeCompare(b.outcome_on ?? "") || a.id - b.id)
    .map((t) => ({
      label: t.short_name || t.title,
      href: threatHref(t.slug),
      date: t.outcome_on,
      jurisdiction: t.jurisdiction_code,
      tag: `threats:outcome.${t.outcome}`,
      amount: null,
    }));
  const mitigated = decided.filter((t) => t.outcome === "mitigated" || t.outcome === "partially_mitigated").length;
  return {
    figures: [
      { key: "threats.tracked", value: threats.length, unit: "count" },
      { key: "threats.new", value: threats.filter((t) => t.first_seen_on >= from).length, unit: "count" },
      { key: "threats.decided", value: decided.length, unit: "count" },
      {
        key: "threats.mitigated_share",
        value: decided.length ? Math.round((mitigated / decided.length) * 1000) / 10 : 0,
        unit: "percent",
      },
      { key: "threats.median_days_to_decision", value: median(daysToDecision.map((d) => d.days)), unit: "days" },
    ],
    breakdowns: [
      {
        key: "threats.by_outcome",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "threats:outcome" },
        items: itemsOf(outcomeCounts, [...OUTCOMES.filter((o) => o !== "open"), "open"]),
      },
      {
        key: "threats.by_category",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "threats:category" },
        items: itemsOf(new Map(categories.map((c) => [c.category, Number(c.n)])), CATEGORIES),
      },
      {
        key: "threats.by_region",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "reports:region" },
        items: itemsOf(countBy(threats, (t) => regions.get(t.jurisdiction_code) ?? "unassigned")),
      },
      {
        key: "threats.median_days_by_kind",
        unit: "days",
        naming: { kind: "vocabulary", prefix: "threats:kind" },
        // Only kinds with a decision: a median of nothing is not zero days.
        items: itemsOf(medianByKind, THREAT_KINDS).filter((item) => medianByKind.has(item.key)),
      },
    ],
    lists: [{ key: "threats.decided_list", rows: decidedRows }],
  };
}

/** Statements made in the year (by their date), by stance and kind, and the countries they came from. */
export async function policymakersSection(year: number): Promise<Sectioned> {
  const { from, to } = yearBounds(year);
  const statements = await db
    .selectFrom("policymaker_statements")
    .select(["stance", "kind", "jurisdiction_code"])
    .where("stated_on", ">=", from)
    .where("stated_on", "<", to)
    .execute();
  const byCountry = countBy(statements, (s) => s.jurisdiction_code);
  const isCountry = await countryCodes();
  return {
    figures: [
      { key: "policymakers.statements", value: statements.length, unit: "count" },
      {
        key: "policymakers.supportive",
        value: statements.filter((s) => s.stance === "supportive").length,
        unit: "count",
      },
      {
        key: "policymakers.countries",
        value: [...byCountry.keys()].filter((c) => isCountry.has(c)).length,
        unit: "count",
      },
    ],
    breakdowns: [
      {
        key: "policymakers.by_stance",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "threats:stance" },
        items: itemsOf(
          countBy(statements, (s) => s.stance),
          STANCES,
        ),
      },
      {
        key: "policymakers.by_kind",
        unit: "count",
        naming: { kind: "vocabulary", prefix: "threats:statementKind" },
        items: itemsOf(
          countBy(statements, (s) => s.kind),
          STATEMENT_KINDS,
        ),
      },
      {
        key: "policymakers.by_country",
        unit: "count",
        naming: { kind: "jurisdiction" },
        items: itemsOf(byCountry),
      },
    ],
    lists: [],
  };
}
