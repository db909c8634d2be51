/**
 * The demo threats (data in demo-threats.data.ts and demo-threats.data-world.ts): real threats named in ../shared/DESIGN.md with
 * actions, outcomes, statements, relations, one impact assessment and the Kenya chapter's follows.
 * DATES AND DETAILS ARE ILLUSTRATIVE, and every summary says so in its last line.
 *
 * Rows are written directly, in one transaction, not through the threat mutations: those would
 * write audit rows and queue follower e-mails for changes nobody made. Stage and search text are
 * computed with the same functions the mutations use. Idempotent: does nothing when any threat
 * already exists. Never run in production (it is part of the demo seed).
 */
import type { Kysely, Transaction } from "kysely";
import { deriveStage } from "../app/features/threats/stage";
import { searchable } from "../app/lib/search";
import { slugify } from "../app/lib/slug";
import type { Database } from "../db/schema";
import { DEMO_ASSESSMENT, DEMO_RELATIONS, US_DEMO_THREATS, type DemoThreat } from "./demo-threats.data";
import { WORLD_DEMO_THREATS } from "./demo-threats.data-world";

export const DEMO_THREATS: readonly DemoThreat[] = [...US_DEMO_THREATS, ...WORLD_DEMO_THREATS];

/** Demo accounts of the Kenya chapter: chapter members follow their country by default. */
const KENYA_FOLLOWERS = ["lead@example.org", "chapter@example.org"];
const THREAT_FOLLOWER = { email: "staff@example.org", threat: "eu-csam" };

/** The slug rule of app/features/threats/mutations.server.ts (jurisdiction, short name, year). */
export function demoThreatSlug(threat: DemoThreat): string {
  return slugify(
    `${threat.jurisdiction} ${threat.shortName || threat.identifier || threat.title} ${threat.firstSeenOn.slice(0, 4)}`,
  );
}

async function userIds(trx: Transaction<Database>, emails: string[]): Promise<Map<string, number>> {
  const rows = await trx.selectFrom("users").select(["id", "email"]).where("email", "in", emails).execute();
  return new Map(rows.map((r) => [r.email, r.id]));
}

async function insertThreat(trx: Transaction<Database>, threat: DemoThreat, now: string): Promise<number> {
  const stamps = { created_at: now, updated_at: now };
  // Actions are inserted below in this order, so their ids grow in the same order as these.
  const { stage, stage_on } = deriveStage(
    threat.actions.map((a, i) => ({ id: i + 1, occurred_on: a.on, classification: a.classification })),
  );
  const { id } = await trx
    .insertInto("threats")
    .values({
      slug: demoThreatSlug(threat),
      jurisdiction_code: threat.jurisdiction,
      kind: threat.kind,
      identifier: threat.identifier,
      title: threat.title,
      short_name: threat.shortName,
      summary: threat.summary,
      severity: threat.severity,
      first_seen_on: threat.firstSeenOn,
      stage,
      stage_on,
      outcome: threat.outcome?.outcome ?? "open",
      outcome_reason: threat.outcome?.reason ?? null,
      outcome_on: threat.outcome?.on ?? null,
      search_text: searchable(threat.title, threat.shortName, threat.identifier, threat.summary),
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("threat_categories")
    .values([...new Set(threat.categories)].map((category) => ({ threat_id: id, category })))
    .execute();
  if (threat.sources.length) {
    await trx
      .insertInto("threat_sources")
      .values(threat.sources.map((s) => ({ threat_id: id, url: s.url, label: s.label, ...stamps })))
      .execute();
  }
  for (const action of threat.actions) {
    await trx
      .insertInto("threat_actions")
      .values({
        threat_id: id,
        occurred_on: action.on,
        classification: action.classification,
        note: action.note,
        source_url: action.source ?? threat.sources[0]?.url ?? null,
        created_by: null,
        ...stamps,
      })
      .execute();
  }
  if (threat.outcome) {
    await trx
      .insertInto("threat_outcome_changes")
      .values({
        threat_id: id,
        outcome: threat.outcome.outcome,
        reason: threat.outcome.reason,
        decided_on: threat.outcome.on,
        changed_by: null,
        ...stamps,
      })
      .execute();
  }
  for (const s of threat.statements ?? []) {
    await trx
      .insertInto("policymaker_statements")
      .values({
        speaker: s.speaker,
        speaker_role: s.role,
        body: s.body,
        jurisdiction_code: s.jurisdiction,
        stated_on: s.on,
        stance: s.stance,
        kind: s.kind,
        quote: s.quote,
        url: s.url,
        threat_id: id,
        created_by: null,
        ...stamps,
      })
      .execute();
  }
  return id;
}

async function insertAssessment(trx: Transaction<Database>, threatId: number, assessedBy: number | null, now: string) {
  const stamps = { created_at: now, updated_at: now };
  const { id } = await trx
    .insertInto("impact_assessments")
    .values({ threat_id: threatId, assessed_by: assessedBy, summary: DEMO_ASSESSMENT.summary, ...stamps })
    .returning("id")
    .executeTakeFirstOrThrow();
  // One rating per property row, whatever an admin has added since: unknown keys get "none".
  const properties = await trx.selectFrom("impact_properties").select(["id", "key"]).orderBy("position").execute();
  if (!properties.length) return;
  await trx
    .insertInto("impact_ratings")
    .values(
      properties.map((p) => ({
        assessment_id: id,
        property_id: p.id,
        rating: DEMO_ASSESSMENT.ratings[p.key]?.rating ?? "none",
        note: DEMO_ASSESSMENT.ratings[p.key]?.note ?? null,
        ...stamps,
      })),
    )
    .execute();
}

/**
 * Seeds the demo threats, their actions, outcomes, statements and relations, one impact
 * assessment and a few follows. Returns how many threats it inserted (0 when threats exist).
 */
export async function seedDemoThreats(db: Kysely<Database>): Promise<number> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom("threats").select("id").limit(1).executeTakeFirst()) return 0;
    const ids = new Map<string, number>();
    for (const threat of DEMO_THREATS) ids.set(threat.key, await insertThreat(trx, threat, now));
    const idOf = (key: string) => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`demo threat "${key}" is not defined`);
      return id;
    };

    for (const r of DEMO_RELATIONS) {
      await trx
        .insertInto("threat_relations")
        .values({
          threat_id: idOf(r.from),
          related_threat_id: idOf(r.to),
          relation: r.relation,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }

    const users = await userIds(trx, [...KENYA_FOLLOWERS, THREAT_FOLLOWER.email]);
    await insertAssessment(trx, idOf(DEMO_ASSESSMENT.threat), users.get(THREAT_FOLLOWER.email) ?? null, now);
    const follows = [
      ...KENYA_FOLLOWERS.map((email) => ({ user: users.get(email), threat_id: null, jurisdiction_code: "KE" })),
      { user: users.get(THREAT_FOLLOWER.email), threat_id: idOf(THREAT_FOLLOWER.threat), jurisdiction_code: null },
    ];
    for (const f of follows) {
      if (f.user === undefined) continue; // the demo accounts were not seeded
      await trx
        .insertInto("follows")
        .values({
          user_id: f.user,
          threat_id: f.threat_id,
          jurisdiction_code: f.jurisdiction_code,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    return DEMO_THREATS.length;
  });
}
