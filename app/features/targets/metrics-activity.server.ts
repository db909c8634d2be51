/** Metrics about the advocacy log and policymakers: actions, who advocated, statements. */
import { db } from "~db/connection";
import type { ActionKind } from "~db/schema";
import type { Stance, StatementKind } from "~/lib/vocabularies";
import { acceptedActionCount, totalAndCounted } from "~/features/targets/accepted-actions.server";
import {
  shareOfRows,
  shareResult,
  type MetricContext,
  type MetricResult,
  type MetricRow,
} from "~/features/targets/metric-types";
import { yearBounds } from "~/features/targets/status";

/**
 * Policymaker statements (matching the stance, kind and jurisdiction filters) made during the
 * year, by `stated_on`.
 */
export async function policymakerStatements({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(year);
  let base = db
    .selectFrom("policymaker_statements as s")
    .where("s.stated_on", ">=", from)
    .where("s.stated_on", "<", to);
  if (filter.stance) base = base.where("s.stance", "=", filter.stance as Stance);
  if (filter.kind) base = base.where("s.kind", "=", filter.kind as StatementKind);
  if (filter.jurisdiction) base = base.where("s.jurisdiction_code", "=", filter.jurisdiction);
  if (!withRows) {
    const row = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const statements = await base
    .leftJoin("threats", "threats.id", "s.threat_id")
    .select(["s.id", "s.speaker", "s.body", "s.jurisdiction_code", "s.stated_on", "s.stance", "s.kind", "threats.slug"])
    .orderBy("s.stated_on")
    .orderBy("s.id")
    .execute();
  const rows: MetricRow[] = statements.map((s) => ({
    key: `statement:${s.id}`,
    label: s.body ? `${s.speaker} (${s.body})` : s.speaker,
    href: s.slug ? `/threats/${encodeURIComponent(s.slug)}` : null,
    date: s.stated_on,
    jurisdiction: s.jurisdiction_code,
    tag: `threats:stance.${s.stance}`,
    amount: null,
    counted: true,
  }));
  return { value: rows.length, unit: "count", rows };
}

/**
 * Denominator: chapters (and special interest groups) whose status is active, matching the kind,
 * region and jurisdiction filters. Numerator: those with at least one accepted advocacy action
 * dated in the year.
 */
export async function chaptersAdvocatingShare({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const bounds = yearBounds(year);
  let base = db.selectFrom("chapters").where("chapters.status", "=", "active");
  if (filter.kind) base = base.where("chapters.kind", "=", filter.kind as "chapter" | "sig");
  if (filter.region) base = base.where("chapters.region", "=", filter.region);
  if (filter.jurisdiction) base = base.where("chapters.jurisdiction_code", "=", filter.jurisdiction);
  if (!withRows) {
    const row = await base
      .select((eb) => totalAndCounted(eb, "chapter_id", "chapters.id", bounds))
      .executeTakeFirstOrThrow();
    return shareResult(Number(row.counted ?? 0), Number(row.total));
  }
  const chapters = await base
    .select([
      "chapters.id",
      "chapters.name",
      "chapters.jurisdiction_code",
      acceptedActionCount("chapter_id", "chapters.id", bounds),
    ])
    .orderBy("chapters.name")
    .execute();
  return shareOfRows(
    chapters.map((c) => ({
      key: `chapter:${c.id}`,
      label: c.name,
      href: null,
      date: null,
      jurisdiction: c.jurisdiction_code,
      tag: null,
      amount: Number(c.actions ?? 0),
      counted: Number(c.actions ?? 0) > 0,
    })),
  );
}

/**
 * Denominator: coalition members whose status is active (suspended and departed members are out),
 * matching the sector and jurisdiction filters. Numerator: those with at least one accepted
 * advocacy action dated in the year. Members who did not agree to be listed are not named.
 */
export async function membersAdvocatingShare({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const bounds = yearBounds(year);
  let base = db.selectFrom("coalition_members as m").where("m.status", "=", "active");
  if (filter.sector) base = base.where("m.sector", "=", filter.sector);
  if (filter.jurisdiction) base = base.where("m.jurisdiction_code", "=", filter.jurisdiction);
  if (!withRows) {
    const row = await base
      .select((eb) => totalAndCounted(eb, "coalition_member_id", "m.id", bounds))
      .executeTakeFirstOrThrow();
    return shareResult(Number(row.counted ?? 0), Number(row.total));
  }
  const members = await base
    .select([
      "m.id",
      "m.name",
      "m.public_listing",
      "m.jurisdiction_code",
      acceptedActionCount("coalition_member_id", "m.id", bounds),
    ])
    .orderBy("m.name")
    .execute();
  return shareOfRows(
    members.map((m) => ({
      key: `member:${m.id}`,
      label: m.public_listing ? m.name : null,
      href: m.public_listing ? `/coalition/${m.id}` : null,
      date: null,
      jurisdiction: m.jurisdiction_code,
      tag: null,
      amount: Number(m.actions ?? 0),
      counted: Number(m.actions ?? 0) > 0,
    })),
  );
}

/** Advocacy actions accepted by staff (of the kind filter's kind), dated in the year. */
export async function advocacyActions({ year, filter, withRows }: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(year);
  let base = db
    .selectFrom("advocacy_actions as a")
    .where("a.review_status", "=", "accepted")
    .where("a.occurred_on", ">=", from)
    .where("a.occurred_on", "<", to);
  if (filter.kind) base = base.where("a.kind", "=", filter.kind as ActionKind);
  if (!withRows) {
    const row = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const actions = await base
    .leftJoin("chapters", "chapters.id", "a.chapter_id")
    .leftJoin("coalition_members as m", "m.id", "a.coalition_member_id")
    .leftJoin("threats", "threats.id", "a.threat_id")
    .select([
      "a.id",
      "a.kind",
      "a.occurred_on",
      "chapters.name as chapter_name",
      "chapters.jurisdiction_code as chapter_jurisdiction",
      "m.name as member_name",
      "m.public_listing",
      "m.jurisdiction_code as member_jurisdiction",
      "threats.slug",
    ])
    .orderBy("a.occurred_on")
    .orderBy("a.id")
    .execute();
  const rows: MetricRow[] = actions.map((a) => ({
    key: `action:${a.id}`,
    label: a.chapter_name ?? (a.public_listing ? a.member_name : null),
    href: a.slug ? `/threats/${encodeURIComponent(a.slug)}` : null,
    date: a.occurred_on,
    jurisdiction: a.chapter_jurisdiction ?? a.member_jurisdiction,
    tag: `targets:actionKind.${a.kind}`,
    amount: null,
    counted: true,
  }));
  return { value: rows.length, unit: "count", rows };
}
