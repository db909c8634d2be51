import { sql, type Kysely } from "kysely";
import { db, getDatabase } from "~db/connection";
import { idIn, trigramMatchIds } from "~db/dialect";
import type { Database } from "~db/schema";
import { likeContains } from "~/lib/like.server";
import { searchable } from "~/lib/search";
import { renderMarkdown } from "~/lib/markdown.server";
import { localise } from "~/features/translations/localise.server";
import { highestSeverity } from "~/lib/severity";
import type { Category, Classification, Outcome, Severity, ThreatKind } from "~/lib/vocabularies";
import { DEFAULT_PER_PAGE, type ThreatFilters } from "~/features/threats/filters";

/**
 * The list's filters. A search is answered by the ids the trigram index found (`searchIds`) where
 * it can answer, else by `LIKE`, which means the same: the query, case and accents folded, is a
 * substring of the threat's search text. `ordered` for the page of rows in the list's order, not
 * for their count (see `idIn`).
 */
function filteredThreats(
  executor: Kysely<Database>,
  filters: ThreatFilters,
  { ids, ordered = false }: { ids?: number[]; ordered?: boolean } = {},
) {
  let query = executor.selectFrom("threats");
  if (filters.jurisdiction) query = query.where("threats.jurisdiction_code", "=", filters.jurisdiction);
  if (filters.outcome) query = query.where("threats.outcome", "=", filters.outcome);
  if (filters.severity) query = query.where("threats.severity", "=", filters.severity);
  if (filters.stage === "none") query = query.where("threats.stage", "is", null);
  else if (filters.stage) query = query.where("threats.stage", "=", filters.stage);
  if (filters.year) {
    query = query
      .where("threats.first_seen_on", ">=", `${filters.year}-01-01`)
      .where("threats.first_seen_on", "<", `${filters.year + 1}-01-01`);
  }
  if (filters.category) {
    const category = filters.category;
    query = query.where("threats.id", "in", (eb) =>
      eb.selectFrom("threat_categories").select("threat_id").where("category", "=", category),
    );
  }
  if (filters.q)
    query = query.where(
      ids
        ? idIn(getDatabase().dialect, "threats.id", ids, { probe: ordered })
        : likeContains(sql.ref<string>("threats.search_text"), filters.q),
    );
  return query;
}

/** The threats a search finds, read once from the trigram index (migration 0023); undefined for LIKE. */
async function searchIds(q: string | undefined): Promise<number[] | undefined> {
  return q ? trigramMatchIds(db, getDatabase().dialect, "threats", searchable(q)) : undefined;
}

export interface ThreatListRow {
  id: number;
  slug: string;
  jurisdiction_code: string;
  jurisdiction_name_en: string;
  jurisdiction_name_fr: string;
  kind: ThreatKind;
  identifier: string | null;
  title: string;
  short_name: string | null;
  severity: Severity;
  stage: Classification | null;
  stage_on: string | null;
  outcome: Outcome;
  first_seen_on: string;
  updated_at: string;
  categories: Category[];
}

/** One page of threats, newest change first, with their categories. */
export async function listThreats(filters: ThreatFilters): Promise<{ rows: ThreatListRow[]; total: number }> {
  const perPage = filters.per_page ?? DEFAULT_PER_PAGE;
  const page = filters.page ?? 1;
  const ids = await searchIds(filters.q);
  const { q: _q, page: _page, per_page: _perPage, ...narrowing } = filters;
  const searchOnly = !!ids && Object.values(narrowing).every((value) => value === undefined);
  const [rows, count] = await Promise.all([
    filteredThreats(db, filters, { ids, ordered: true })
      .innerJoin("jurisdictions", "jurisdictions.code", "threats.jurisdiction_code")
      .select([
        "threats.id",
        "threats.slug",
        "threats.jurisdiction_code",
        "jurisdictions.name_en as jurisdiction_name_en",
        "jurisdictions.name_fr as jurisdiction_name_fr",
        "threats.kind",
        "threats.identifier",
        "threats.title",
        "threats.short_name",
        "threats.severity",
        "threats.stage",
        "threats.stage_on",
        "threats.outcome",
        "threats.first_seen_on",
        "threats.updated_at",
      ])
      .orderBy("threats.updated_at", "desc")
      .orderBy("threats.id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    // A search alone counts what the index found: each of its ids is a threat's.
    searchOnly
      ? { n: ids.length }
      : filteredThreats(db, filters, { ids })
          .select((eb) => eb.fn.countAll<number | string>().as("n"))
          .executeTakeFirstOrThrow(),
  ]);
  const categories = await categoriesOf(rows.map((r) => r.id));
  return {
    rows: rows.map((row) => ({ ...row, categories: categories.get(row.id) ?? [] })),
    total: Number(count.n),
  };
}

async function categoriesOf(ids: number[]): Promise<Map<number, Category[]>> {
  const map = new Map<number, Category[]>();
  if (ids.length === 0) return map;
  const rows = await db
    .selectFrom("threat_categories")
    .select(["threat_id", "category"])
    .where("threat_id", "in", ids)
    .orderBy("category")
    .execute();
  for (const row of rows) map.set(row.threat_id, [...(map.get(row.threat_id) ?? []), row.category]);
  return map;
}

export async function getThreatIdBySlug(slug: string): Promise<number | undefined> {
  if (slug.length > 120) return undefined;
  return (await db.selectFrom("threats").select("id").where("slug", "=", slug).executeTakeFirst())?.id;
}

/**
 * Everything the threat page and the API show about one threat. With a reader's `locale`, the
 * summary is its version in that language when there is one (`summary_lang` says which language
 * it is in, `summary_fallback` that the original stands in for a missing version).
 */
export async function getThreatDetail(slug: string, locale?: string) {
  if (slug.length > 120) return undefined;
  const threat = await db
    .selectFrom("threats")
    .innerJoin("jurisdictions", "jurisdictions.code", "threats.jurisdiction_code")
    .selectAll("threats")
    .select(["jurisdictions.name_en as jurisdiction_name_en", "jurisdictions.name_fr as jurisdiction_name_fr"])
    .where("threats.slug", "=", slug)
    .executeTakeFirst();
  if (!threat) return undefined;
  const id = threat.id;
  const [categories, sources, relations, steps, outcomes, statements, assessment] = await Promise.all([
    categoriesOf([id]).then((m) => m.get(id) ?? []),
    db.selectFrom("threat_sources").select(["id", "url", "label"]).where("threat_id", "=", id).orderBy("id").execute(),
    relatedThreats(id),
    db
      .selectFrom("threat_actions")
      .select(["id", "occurred_on", "classification", "note", "source_url"])
      .where("threat_id", "=", id)
      .orderBy("occurred_on")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("threat_outcome_changes")
      .leftJoin("users", "users.id", "threat_outcome_changes.changed_by")
      .select([
        "threat_outcome_changes.id",
        "threat_outcome_changes.outcome",
        "threat_outcome_changes.reason",
        "threat_outcome_changes.decided_on",
        "users.name as changed_by_name",
      ])
      .where("threat_outcome_changes.threat_id", "=", id)
      .orderBy("threat_outcome_changes.id")
      .execute(),
    listStatements({ threatId: id }),
    getAssessment(id),
  ]);
  const shown = await localise(
    "threat",
    { id, originalLocale: threat.original_locale, fields: { summary: threat.summary } },
    locale ?? threat.original_locale,
  );
  const summary = shown.fields.summary;
  return {
    ...threat,
    summary,
    summary_html: renderMarkdown(summary),
    summary_lang: shown.lang,
    summary_fallback: shown.fallback,
    categories,
    sources,
    relations,
    steps,
    outcomes,
    statements,
    assessment,
  };
}

export type ThreatDetail = NonNullable<Awaited<ReturnType<typeof getThreatDetail>>>;

async function relatedThreats(id: number) {
  const [outgoing, incoming] = await Promise.all([
    db
      .selectFrom("threat_relations")
      .innerJoin("threats", "threats.id", "threat_relations.related_threat_id")
      .select(["threat_relations.relation", "threats.slug", "threats.title", "threats.jurisdiction_code"])
      .where("threat_relations.threat_id", "=", id)
      .execute(),
    db
      .selectFrom("threat_relations")
      .innerJoin("threats", "threats.id", "threat_relations.threat_id")
      .select(["threat_relations.relation", "threats.slug", "threats.title", "threats.jurisdiction_code"])
      .where("threat_relations.related_threat_id", "=", id)
      .execute(),
  ]);
  // "A reintroduced as B" reads, from B's page, as "B reintroduces A".
  return [
    ...outgoing.map((r) => ({ ...r, direction: "outgoing" as const })),
    ...incoming.map((r) => ({ ...r, direction: "incoming" as const })),
  ];
}

export async function listStatements(where: { threatId?: number; jurisdiction?: string }, limit = 200) {
  let query = db
    .selectFrom("policymaker_statements")
    .leftJoin("threats", "threats.id", "policymaker_statements.threat_id")
    .select([
      "policymaker_statements.id",
      "policymaker_statements.speaker",
      "policymaker_statements.speaker_role",
      "policymaker_statements.body",
      "policymaker_statements.jurisdiction_code",
      "policymaker_statements.stated_on",
      "policymaker_statements.stance",
      "policymaker_statements.kind",
      "policymaker_statements.quote",
      "policymaker_statements.url",
      "threats.slug as threat_slug",
      "threats.title as threat_title",
    ]);
  if (where.threatId !== undefined) query = query.where("policymaker_statements.threat_id", "=", where.threatId);
  if (where.jurisdiction) query = query.where("policymaker_statements.jurisdiction_code", "=", where.jurisdiction);
  return query
    .orderBy("policymaker_statements.stated_on", "desc")
    .orderBy("policymaker_statements.id", "desc")
    .limit(limit)
    .execute();
}

export async function getAssessment(threatId: number) {
  const assessment = await db
    .selectFrom("impact_assessments")
    .leftJoin("users", "users.id", "impact_assessments.assessed_by")
    .select([
      "impact_assessments.id",
      "impact_assessments.summary",
      "impact_assessments.updated_at",
      "users.name as assessed_by_name",
    ])
    .where("impact_assessments.threat_id", "=", threatId)
    .executeTakeFirst();
  if (!assessment) return null;
  const ratings = await db
    .selectFrom("impact_ratings")
    .innerJoin("impact_properties", "impact_properties.id", "impact_ratings.property_id")
    .select([
      "impact_properties.id as property_id",
      "impact_properties.key",
      "impact_properties.kind",
      "impact_properties.name_en",
      "impact_properties.name_fr",
      "impact_ratings.rating",
      "impact_ratings.note",
    ])
    .where("impact_ratings.assessment_id", "=", assessment.id)
    .orderBy("impact_properties.kind", "desc")
    .orderBy("impact_properties.position")
    .execute();
  return { ...assessment, ratings };
}

/** Open threats per jurisdiction, for the map. */
/**
 * Open threats per jurisdiction, with the highest severity among them. Counted per (jurisdiction,
 * severity) from the outcome index, then folded here: four severities at most per jurisdiction,
 * and no dialect's own "max over an ordered enum".
 */
export async function openThreatCounts(): Promise<
  Array<{ code: string; name_en: string; name_fr: string; open: number; highest: Severity | null }>
> {
  const counts = db
    .selectFrom("threats")
    .select((eb) => ["threats.jurisdiction_code", "threats.severity", eb.fn.countAll<number | string>().as("open")])
    .where("threats.outcome", "=", "open")
    .groupBy(["threats.jurisdiction_code", "threats.severity"])
    .as("counts");
  const rows = await db
    .selectFrom(counts)
    .innerJoin("jurisdictions", "jurisdictions.code", "counts.jurisdiction_code")
    .select(["jurisdictions.code", "jurisdictions.name_en", "jurisdictions.name_fr", "counts.severity", "counts.open"])
    .orderBy("jurisdictions.code")
    .execute();
  const byCode = new Map<
    string,
    { code: string; name_en: string; name_fr: string; open: number; severities: Severity[] }
  >();
  for (const row of rows) {
    const entry = byCode.get(row.code) ?? {
      code: row.code,
      name_en: row.name_en,
      name_fr: row.name_fr,
      open: 0,
      severities: [],
    };
    entry.open += Number(row.open);
    entry.severities.push(row.severity);
    byCode.set(row.code, entry);
  }
  return [...byCode.values()].map(({ severities, ...rest }) => ({ ...rest, highest: highestSeverity(severities) }));
}

/** The few fields a form page about one threat needs. */
export async function getThreatHeader(slug: string) {
  if (slug.length > 120) return undefined;
  return db
    .selectFrom("threats")
    .select(["id", "slug", "title", "jurisdiction_code"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}
