/** Metrics about threats: shares mitigated, new threats fought, countries where threats were fought. */
import type { ExpressionBuilder } from "kysely";
import { db } from "~db/connection";
import type { Database } from "~db/schema";
import type { Category, Severity, ThreatKind } from "~/lib/vocabularies";
import type { TargetFilter } from "~/features/targets/catalogue";
import { acceptedActionCount, hasAcceptedAction, totalAndCounted } from "~/features/targets/accepted-actions.server";
import {
  shareOfRows,
  shareResult,
  type MetricContext,
  type MetricResult,
  type MetricRow,
} from "~/features/targets/metric-types";
import { yearBounds } from "~/features/targets/status";

const MITIGATED = ["mitigated", "partially_mitigated"] as const;

/** The threat filters of a target (category, jurisdiction, kind, severity) as one condition. */
function threatConditions(filter: TargetFilter) {
  return (eb: ExpressionBuilder<Database, "threats">) => {
    const conditions = [];
    if (filter.jurisdiction) conditions.push(eb("threats.jurisdiction_code", "=", filter.jurisdiction));
    if (filter.kind) conditions.push(eb("threats.kind", "=", filter.kind as ThreatKind));
    if (filter.severity) conditions.push(eb("threats.severity", "=", filter.severity as Severity));
    if (filter.category) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom("threat_categories")
            .select("threat_categories.threat_id")
            .whereRef("threat_categories.threat_id", "=", "threats.id")
            .where("threat_categories.category", "=", filter.category as Category),
        ),
      );
    }
    return eb.and(conditions);
  };
}

const threatLabel = (t: { short_name: string | null; title: string }) => t.short_name || t.title;
const threatHref = (slug: string) => `/threats/${encodeURIComponent(slug)}`;

/**
 * Denominator: threats (matching the filter) whose outcome was decided during the year: outcome
 * mitigated, partially mitigated or not mitigated, with its decision date in the year. Numerator:
 * those mitigated or partially mitigated. Open threats are in neither.
 */
export async function threatsMitigatedShare({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(year);
  // "Not open" rather than "in (decided…)", so that the planner walks the decision-date index.
  const base = db
    .selectFrom("threats")
    .where("threats.outcome", "!=", "open")
    .where("threats.outcome_on", ">=", from)
    .where("threats.outcome_on", "<", to)
    .where(threatConditions(filter));
  if (!withRows) {
    const row = await base
      .select((eb) => [
        eb.fn.countAll<number>().as("total"),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when("threats.outcome", "in", [...MITIGATED])
              .then(1)
              .else(0)
              .end(),
          )
          .as("counted"),
      ])
      .executeTakeFirstOrThrow();
    return shareResult(Number(row.counted ?? 0), Number(row.total));
  }
  const threats = await base
    .select([
      "threats.id",
      "threats.slug",
      "threats.title",
      "threats.short_name",
      "threats.jurisdiction_code",
      "threats.outcome",
      "threats.outcome_on",
    ])
    .orderBy("threats.outcome_on")
    .orderBy("threats.id")
    .execute();
  const rows: MetricRow[] = threats.map((t) => ({
    key: `threat:${t.id}`,
    label: threatLabel(t),
    href: threatHref(t.slug),
    date: t.outcome_on,
    jurisdiction: t.jurisdiction_code,
    tag: `threats:outcome.${t.outcome}`,
    amount: null,
    counted: (MITIGATED as readonly string[]).includes(t.outcome),
  }));
  return shareOfRows(rows);
}

/**
 * Threats (matching the filter) first seen during the year (by `first_seen_on`) with at least one
 * accepted advocacy action linked to them and dated in the same year. Recorded threat actions are
 * the threat's own steps (introduced, passed…), not ours, so they do not count.
 */
export async function newThreatsFought({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const bounds = yearBounds(year);
  const base = db
    .selectFrom("threats")
    .where("threats.first_seen_on", ">=", bounds.from)
    .where("threats.first_seen_on", "<", bounds.to)
    .where(threatConditions(filter));
  if (!withRows) {
    const row = await base
      .select((eb) => totalAndCounted(eb, "threat_id", "threats.id", bounds))
      .executeTakeFirstOrThrow();
    const counted = Number(row.counted ?? 0);
    return { value: counted, unit: "count", parts: { counted, total: Number(row.total) } };
  }
  const threats = await base
    .select([
      "threats.id",
      "threats.slug",
      "threats.title",
      "threats.short_name",
      "threats.jurisdiction_code",
      "threats.first_seen_on",
      acceptedActionCount("threat_id", "threats.id", bounds),
    ])
    .orderBy("threats.first_seen_on")
    .orderBy("threats.id")
    .execute();
  const rows: MetricRow[] = threats.map((t) => ({
    key: `threat:${t.id}`,
    label: threatLabel(t),
    href: threatHref(t.slug),
    date: t.first_seen_on,
    jurisdiction: t.jurisdiction_code,
    tag: null,
    amount: Number(t.actions ?? 0),
    counted: Number(t.actions ?? 0) > 0,
  }));
  const counted = rows.filter((r) => r.counted).length;
  return { value: counted, unit: "count", rows, parts: { counted, total: rows.length } };
}

/**
 * Countries (ISO countries only: not the EU nor international fora) of the threats, matching the
 * filter and first seen in any year, that had at least one accepted advocacy action linked to them
 * and dated in the year.
 */
export async function countriesFought({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(year);
  if (!withRows) {
    // Country by country, stopping at the first threat fought there: a few index probes each.
    const row = await db
      .selectFrom("jurisdictions")
      .where("jurisdictions.kind", "=", "country")
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("threats")
            .select("threats.id")
            .whereRef("threats.jurisdiction_code", "=", "jurisdictions.code")
            .where(threatConditions(filter))
            .where((e) => hasAcceptedAction(e, "threat_id", "threats.id", { from, to })),
        ),
      )
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const base = db
    .selectFrom("advocacy_actions")
    .innerJoin("threats", "threats.id", "advocacy_actions.threat_id")
    .innerJoin("jurisdictions", "jurisdictions.code", "threats.jurisdiction_code")
    .where("advocacy_actions.review_status", "=", "accepted")
    .where("advocacy_actions.occurred_on", ">=", from)
    .where("advocacy_actions.occurred_on", "<", to)
    .where("jurisdictions.kind", "=", "country")
    .where(threatConditions(filter));
  const countries = await base
    .select((eb) => [
      "threats.jurisdiction_code as code",
      "jurisdictions.name_en",
      eb.fn.countAll<number>().as("actions"),
      eb.fn.min("advocacy_actions.occurred_on").as("first_on"),
    ])
    .groupBy(["threats.jurisdiction_code", "jurisdictions.name_en"])
    .orderBy("jurisdictions.name_en")
    .execute();
  const rows: MetricRow[] = countries.map((c) => ({
    key: `country:${c.code}`,
    label: c.name_en,
    href: `/countries/${c.code}`,
    date: c.first_on,
    jurisdiction: c.code,
    tag: null,
    amount: Number(c.actions),
    counted: true,
  }));
  return { value: rows.length, unit: "count", rows };
}
