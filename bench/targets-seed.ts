/**
 * Bulk data for bench/targets.ts, on top of the demo seed: threats and their actions (through
 * bench/threats-seed.ts), chapters and coalition members, advocacy actions (mostly in the measured
 * year, a share pending or withdrawn), Global Encryption Day events with reports, and one target
 * per metric of the catalogue (with a few filtered variants) for the measured year and the year
 * before. Deterministic; multi-row inserts in one transaction.
 */
import type { Insertable, Kysely } from "kysely";
import { ACTION_KINDS, EVENT_KINDS, type Database } from "../db/schema";
import { SECTORS } from "../app/lib/vocabularies";
import { seedBulkThreats } from "./threats-seed";

export interface TargetBenchCounts {
  threats: number;
  actions: number;
  events: number;
}

type Rng = () => number;
function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const day = (rng: Rng, year: number) =>
  `${year}-${String(int(rng, 1, 12)).padStart(2, "0")}-${String(int(rng, 1, 28)).padStart(2, "0")}`;

async function insertChunks<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
) {
  for (let i = 0; i < rows.length; i += 500) {
    // Kysely's insert types are per table; the rows are built for this table above.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

async function count(db: Kysely<Database>, table: "threats" | "advocacy_actions" | "events") {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function seedTargetBench(
  db: Kysely<Database>,
  wanted: TargetBenchCounts,
  year: number,
): Promise<TargetBenchCounts> {
  const rng = prng(20_241_021);
  const now = new Date().toISOString();
  const stamps = { created_at: now, updated_at: now };
  const threatsNow = await count(db, "threats");
  if (wanted.threats > threatsNow)
    await seedBulkThreats(db, { threats: wanted.threats - threatsNow, actions: (wanted.threats - threatsNow) * 5 });

  const codes = (await db.selectFrom("jurisdictions").select("code").where("kind", "=", "country").execute()).map(
    (j) => j.code,
  );
  await db.transaction().execute(async (trx) => {
    const chapters: Array<Insertable<Database["chapters"]>> = Array.from({ length: 122 }, (_, i) => ({
      name: `Bench chapter ${i + 1}`,
      jurisdiction_code: codes[i % codes.length],
      kind: i % 15 === 0 ? ("sig" as const) : ("chapter" as const),
      status: i % 20 === 0 ? ("inactive" as const) : ("active" as const),
      region: pick(rng, ["africa", "americas", "asia_pacific", "europe", "middle_east"]),
      ...stamps,
    }));
    await insertChunks(trx, "chapters", chapters);
    const members: Array<Insertable<Database["coalition_members"]>> = Array.from({ length: 420 }, (_, i) => ({
      name: `Bench member ${i + 1}`,
      name_folded: `bench member ${i + 1}`,
      sector: pick(rng, SECTORS),
      jurisdiction_code: pick(rng, codes),
      status: i % 25 === 0 ? ("suspended" as const) : i % 31 === 0 ? ("left" as const) : ("active" as const),
      public_listing: i % 3 === 0 ? 0 : 1,
      ...stamps,
    }));
    await insertChunks(trx, "coalition_members", members);
  });

  const chapterIds = (await db.selectFrom("chapters").select("id").execute()).map((r) => r.id);
  const memberIds = (await db.selectFrom("coalition_members").select("id").execute()).map((r) => r.id);
  const threatIds = (await db.selectFrom("threats").select("id").execute()).map((r) => r.id);
  const actionsNeeded = Math.max(0, wanted.actions - (await count(db, "advocacy_actions")));
  const actions: Array<Insertable<Database["advocacy_actions"]>> = [];
  for (let i = 0; i < actionsNeeded; i++) {
    const byChapter = rng() < 0.7;
    const r = rng();
    actions.push({
      chapter_id: byChapter ? pick(rng, chapterIds) : null,
      coalition_member_id: byChapter ? null : pick(rng, memberIds),
      kind: pick(rng, ACTION_KINDS),
      occurred_on: day(rng, rng() < 0.6 ? year : pick(rng, [year - 2, year - 1])),
      description: `Bench action ${i + 1}`,
      threat_id: rng() < 0.4 ? pick(rng, threatIds) : null,
      review_status: r < 0.85 ? "accepted" : r < 0.9 ? "withdrawn" : r < 0.97 ? "pending" : "needs_changes",
      ...stamps,
    });
  }

  for (const y of [year - 1, year]) {
    await db
      .insertInto("event_editions")
      .values({ year: y, day: `${y}-10-21`, ...stamps })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
  }
  const editions = await db.selectFrom("event_editions").select(["id", "year"]).execute();
  const editionOf = new Map(editions.map((e) => [e.year, e.id]));
  const eventsNeeded = Math.max(0, wanted.events - (await count(db, "events")));
  const events: Array<Insertable<Database["events"]>> = [];
  for (let i = 0; i < eventsNeeded; i++) {
    const y = rng() < 0.7 ? year : year - 1;
    const hour = int(rng, 8, 20);
    const reported = rng() < 0.6;
    events.push({
      edition_id: editionOf.get(y)!,
      slug: `bench-event-${y}-${i + 1}`,
      title: `Bench event ${i + 1}`,
      kind: pick(rng, EVENT_KINDS),
      chapter_id: pick(rng, chapterIds),
      organiser_name: "Bench organiser",
      jurisdiction_code: pick(rng, codes),
      online: 0,
      starts_local: `${y}-10-21T${String(hour).padStart(2, "0")}:00`,
      ends_local: `${y}-10-21T${String(hour + 2).padStart(2, "0")}:00`,
      timezone: "UTC",
      starts_at: `${y}-10-21T${String(hour).padStart(2, "0")}:00:00.000Z`,
      ends_at: `${y}-10-21T${String(hour + 2).padStart(2, "0")}:00:00.000Z`,
      description: "Bench",
      status: rng() < 0.85 ? "approved" : "submitted",
      attendance: reported ? int(rng, 10, 500) : null,
      online_views: reported ? int(rng, 0, 20_000) : null,
      media_reach: reported ? int(rng, 0, 200_000) : null,
      reported_at: reported ? now : null,
      rsvp_count: 0,
      ...stamps,
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertChunks(trx, "advocacy_actions", actions);
    await insertChunks(trx, "events", events);
  });

  await seedBenchTargets(db, year);
  await seedBenchTargets(db, year - 1);
  return {
    threats: await count(db, "threats"),
    actions: await count(db, "advocacy_actions"),
    events: await count(db, "events"),
  };
}

/** Every metric once, and a few filtered variants, as the yearly targets of `year`. */
async function seedBenchTargets(db: Kysely<Database>, year: number) {
  const now = new Date().toISOString();
  const specs: Array<[string, Record<string, string> | null, number]> = [
    ["threats_mitigated_share", { category: "encryption" }, 75],
    ["threats_mitigated_share", { category: "fragmentation", jurisdiction: "INT" }, 75],
    ["new_threats_fought", null, 5],
    ["countries_fought", null, 5],
    ["policymaker_statements", { stance: "supportive", kind: "statement" }, 6],
    ["chapters_advocating_share", null, 60],
    ["members_advocating_share", null, 25],
    ["advocacy_actions", { kind: "amicus_brief" }, 2],
    ["advocacy_actions", { kind: "impact_assessment" }, 20],
    ["advocacy_actions", null, 1250],
    ["ged_events", null, 60],
    ["ged_reach", null, 1_000_000],
    ["letters_sent", null, 1000],
    ["signatures_confirmed", null, 5000],
    ["manual", null, 10],
  ];
  await db
    .insertInto("targets")
    .values(
      specs.map(([metric, filter, goal], i) => ({
        year,
        title: `Bench target ${i + 1}: ${metric}`,
        metric,
        filter: filter ? JSON.stringify(filter) : null,
        comparison: "at_least" as const,
        goal,
        manual_value: metric === "manual" ? 7 : null,
        manual_unit: metric === "manual" ? ("count" as const) : null,
        manual_evidence: metric === "manual" ? "Bench evidence" : null,
        position: i + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
