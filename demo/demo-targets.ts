/**
 * Demo targets (data in demo-targets.data.ts): the 2024 targets of the design with enough 2024
 * activity for a realistic mix of met and missed targets, and a few 2026 targets. Idempotent: each
 * row is added only when missing (targets by year and title, threats and events by slug, actions by
 * organiser, date and description, statements by speaker and date; the 2024 edition only when no
 * edition of 2024 exists). Never run in production (it is part of the demo seed).
 */
import type { Kysely } from "kysely";
import { searchable } from "../app/lib/search";
import type { Database } from "../db/schema";
import { DEMO_THREATS, demoThreatSlug } from "./demo-threats";
import { DEMO_2024_THREATS, DEMO_ACTIONS, DEMO_STATEMENTS, DEMO_TARGETS } from "./demo-targets.data";
import { DEMO_2024_EVENTS, type DemoEvent } from "./demo-targets.events.data";

type Db = Kysely<Database>;

async function seedThreats(db: Db, now: string) {
  for (const threat of DEMO_2024_THREATS) {
    const exists = await db.selectFrom("threats").select("id").where("slug", "=", threat.slug).executeTakeFirst();
    if (exists) continue;
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("threats")
        .values({
          slug: threat.slug,
          jurisdiction_code: threat.jurisdiction,
          kind: threat.kind,
          identifier: null,
          title: threat.title,
          short_name: threat.shortName,
          summary: threat.summary,
          severity: threat.severity,
          first_seen_on: threat.firstSeenOn,
          stage: null,
          stage_on: null,
          outcome: threat.outcome?.outcome ?? "open",
          outcome_reason: threat.outcome?.reason ?? null,
          outcome_on: threat.outcome?.on ?? null,
          search_text: searchable(threat.title, threat.shortName, threat.summary),
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("threat_categories")
        .values(threat.categories.map((category) => ({ threat_id: id, category })))
        .execute();
      if (threat.outcome) {
        await trx
          .insertInto("threat_outcome_changes")
          .values({
            threat_id: id,
            outcome: threat.outcome.outcome,
            reason: threat.outcome.reason,
            decided_on: threat.outcome.on,
            changed_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    });
  }
}

async function threatIdsBySlug(db: Db): Promise<Map<string, number>> {
  const demoSlugs = new Map(DEMO_THREATS.map((t) => [t.key, demoThreatSlug(t)]));
  const wanted = [...new Set(DEMO_ACTIONS.flatMap((a) => (a.threat ? [demoSlugs.get(a.threat) ?? a.threat] : [])))];
  const rows = await db.selectFrom("threats").select(["id", "slug"]).where("slug", "in", wanted).execute();
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const result = new Map<string, number>();
  for (const action of DEMO_ACTIONS) {
    if (!action.threat) continue;
    const id = bySlug.get(demoSlugs.get(action.threat) ?? action.threat);
    if (id !== undefined) result.set(action.threat, id);
  }
  return result;
}

async function seedActions(db: Db, now: string) {
  const chapters = new Map(
    (await db.selectFrom("chapters").select(["id", "name"]).execute()).map((c) => [c.name, c.id] as const),
  );
  const members = new Map(
    (await db.selectFrom("coalition_members").select(["id", "name"]).execute()).map((m) => [m.name, m.id] as const),
  );
  const staff = await db.selectFrom("users").select("id").where("email", "=", "staff@example.org").executeTakeFirst();
  const threats = await threatIdsBySlug(db);
  for (const action of DEMO_ACTIONS) {
    const chapterId = chapters.get(action.by) ?? null;
    const memberId = chapterId === null ? (members.get(action.by) ?? null) : null;
    if (chapterId === null && memberId === null) continue;
    const exists = await db
      .selectFrom("advocacy_actions")
      .select("id")
      .where("occurred_on", "=", action.on)
      .where("description", "=", action.description)
      .executeTakeFirst();
    if (exists) continue;
    const status = action.status ?? "accepted";
    await db
      .insertInto("advocacy_actions")
      .values({
        chapter_id: chapterId,
        coalition_member_id: memberId,
        logged_by: null,
        kind: action.kind,
        occurred_on: action.on,
        description: action.description,
        policymakers: null,
        threat_id: action.threat ? (threats.get(action.threat) ?? null) : null,
        outcome: null,
        evidence_url: null,
        review_status: status,
        review_comment: null,
        reviewed_by: status === "accepted" ? (staff?.id ?? null) : null,
        reviewed_at: status === "accepted" ? `${action.on}T12:00:00.000Z` : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

async function seedStatements(db: Db, now: string) {
  for (const s of DEMO_STATEMENTS) {
    const exists = await db
      .selectFrom("policymaker_statements")
      .select("id")
      .where("speaker", "=", s.speaker)
      .where("stated_on", "=", s.on)
      .executeTakeFirst();
    if (exists) continue;
    await db
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
        url: null,
        threat_id: null,
        created_by: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

function eventValues(
  e: DemoEvent,
  editionId: number,
  ids: { chapters: Map<string, number>; members: Map<string, number> },
  now: string,
) {
  return {
    edition_id: editionId,
    slug: e.slug,
    title: e.title,
    kind: e.kind,
    chapter_id: ids.chapters.get(e.organiser) ?? null,
    coalition_member_id: ids.chapters.has(e.organiser) ? null : (ids.members.get(e.organiser) ?? null),
    organiser_name: e.organiser,
    submitted_by: null,
    jurisdiction_code: e.jurisdiction,
    city: e.city,
    online: e.online ? 1 : 0,
    starts_local: e.startsLocal,
    ends_local: e.endsLocal,
    timezone: e.timezone,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    description: `${e.title}. (Demo event; details are illustrative.)`,
    registration_url: null,
    expected_reach: null,
    status: e.status,
    review_comment: null,
    reviewed_by: null,
    reviewed_at: e.status === "approved" ? "2024-10-01T12:00:00.000Z" : null,
    attendance: e.report?.attendance ?? null,
    online_views: e.report?.onlineViews ?? null,
    media_reach: e.report?.mediaReach ?? null,
    reported_at: e.report ? "2024-11-04T12:00:00.000Z" : null,
    rsvp_count: 0,
    created_at: now,
    updated_at: now,
  };
}

async function seedEvents(db: Db, now: string) {
  await db
    .insertInto("event_editions")
    .values({ year: 2024, day: "2024-10-21", theme: "Make the Switch", created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  const edition = await db.selectFrom("event_editions").select("id").where("year", "=", 2024).executeTakeFirstOrThrow();
  const ids = {
    chapters: new Map(
      (await db.selectFrom("chapters").select(["id", "name"]).execute()).map((c) => [c.name, c.id] as const),
    ),
    members: new Map(
      (await db.selectFrom("coalition_members").select(["id", "name"]).execute()).map((m) => [m.name, m.id] as const),
    ),
  };
  for (const event of DEMO_2024_EVENTS) {
    await db
      .insertInto("events")
      .values(eventValues(event, edition.id, ids, now))
      .onConflict((oc) => oc.column("slug").doNothing())
      .execute();
  }
}

async function seedTargetRows(db: Db, now: string) {
  const staff = await db.selectFrom("users").select("id").where("email", "=", "staff@example.org").executeTakeFirst();
  const positions = new Map<number, number>();
  for (const target of DEMO_TARGETS) {
    const position = (positions.get(target.year) ?? 0) + 1;
    positions.set(target.year, position);
    const exists = await db
      .selectFrom("targets")
      .select("id")
      .where("year", "=", target.year)
      .where("title", "=", target.title)
      .executeTakeFirst();
    if (exists) continue;
    await db
      .insertInto("targets")
      .values({
        year: target.year,
        title: target.title,
        metric: target.metric,
        filter: target.filter ? JSON.stringify(target.filter) : null,
        comparison: "at_least",
        goal: target.goal,
        manual_value: target.manual?.value ?? null,
        manual_unit: target.manual ? "count" : null,
        manual_evidence: target.manual?.evidence ?? null,
        manual_evidence_url: target.manual?.url ?? null,
        position,
        created_by: staff?.id ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/** Demo targets and the 2024 data behind them. Idempotent: safe to run on a seeded database. */
export async function seedDemoTargets(db: Db): Promise<void> {
  const now = new Date().toISOString();
  await seedThreats(db, now);
  await seedActions(db, now);
  await seedStatements(db, now);
  await seedEvents(db, now);
  await seedTargetRows(db, now);
}
