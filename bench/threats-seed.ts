/**
 * Bulk, synthetic threat data for bench/threats.ts: N threats and M actions over every
 * jurisdiction (about 6 % in the US), every category, first seen 2015–2026, with realistic text
 * lengths, plus sources, outcome changes, relations and statements. Deterministic (seeded PRNG).
 * Rows go in through Kysely in multi-row batches inside one transaction, with explicit ids so the
 * cached stage can be derived with deriveStage before the rows are written.
 */
import type { Insertable, Kysely, Transaction } from "kysely";
import {
  CATEGORIES,
  type Category,
  type Classification,
  type Outcome,
  type Severity,
  type ThreatKind,
} from "../app/lib/vocabularies";
import { CLOSED_STAGES, deriveStage } from "../app/features/threats/stage";
import { searchable } from "../app/lib/search";
import { slugify } from "../app/lib/slug";
import type { Database } from "../db/schema";

export interface BulkCounts {
  threats: number;
  actions: number;
}

type Rng = () => number;

/** mulberry32: small, fast and good enough for test data. */
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
function weighted<T extends string>(rng: Rng, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as Array<[T, number]>;
  let r = rng() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

const CATEGORY_WEIGHTS: Record<Category, number> = {
  encryption: 35,
  privacy: 20,
  intermediary_liability: 15,
  fragmentation: 10,
  shutdown: 10,
  routing_security: 5,
  other: 5,
};
const KIND_WEIGHTS: Record<ThreatKind, number> = {
  bill: 55,
  regulation: 15,
  draft_rule: 12,
  court_case: 8,
  international_process: 5,
  other: 5,
};
const SEVERITY_WEIGHTS: Record<Severity, number> = { low: 20, medium: 40, high: 30, critical: 10 };
const OPENING: Classification[] = ["drafted", "consultation", "introduced", "introduced"];
const MOVING: Classification[] = ["committee", "committee", "consultation", "amended", "passed_chamber"];
const ENDING: Classification[] = ["enacted", "implementation", "lapsed", "defeated", "withdrawn", "struck_down"];

const SUBJECTS = [
  "Online Safety",
  "Lawful Access to Encrypted Data",
  "Telecommunications",
  "Cybersecurity",
  "Child Protection Online",
  "Digital Services",
  "Data Retention",
  "Interception of Communications",
  "Critical Infrastructure",
  "Internet Sovereignty",
  "Network Resilience",
  "Platform Accountability",
];
const WORDS = (
  "the a providers must shall service services user users data message messages network operator operators " +
  "authority court order orders access lawful interception retention platform platforms content illegal " +
  "report reporting obligation obligations licence licensing national security public safety minister " +
  "regulator powers notice notices technical capability capabilities devices traffic routing identifiers " +
  "shutdown blocking filtering liability safe harbour penalties fines audit transparency"
).split(" ");
const ENCRYPTION_SENTENCES = [
  "It would require providers to give access to **end-to-end encrypted** communications on request.",
  "Client-side scanning would be needed to comply, which undermines encryption for every user.",
  "Critics warn that the rules would oblige services to weaken encryption.",
];

function sentence(rng: Rng): string {
  const words = Array.from({ length: int(rng, 8, 22) }, () => pick(rng, WORDS));
  const text = words.join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** 300–1,200 characters of Markdown, sometimes about encryption. */
function summaryText(rng: Rng, aboutEncryption: boolean): string {
  const target = int(rng, 300, 1200);
  const parts: string[] = [];
  if (aboutEncryption) parts.push(pick(rng, ENCRYPTION_SENTENCES));
  while (parts.join(" ").length < target) parts.push(sentence(rng));
  const half = Math.ceil(parts.length / 2);
  return `${parts.slice(0, half).join(" ")}\n\n- ${parts.slice(half).join("\n- ")}`;
}

const DAY = 86_400_000;
const LAST_DAY = Date.UTC(2026, 11, 31);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Batches for multi-row inserts: SQLite allows 32,766 bound parameters per statement. */
function* chunks<T>(rows: T[], columnsPerRow: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(16_000 / columnsPerRow));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function maxId(trx: Transaction<Database>, table: "threats" | "threat_actions"): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>("id").as("max"))
    .executeTakeFirstOrThrow();
  return Number(row.max ?? 0);
}

/** Adds `threats` threats and `actions` actions (at least one per threat) in one transaction. */
export async function seedBulkThreats(
  db: Kysely<Database>,
  wanted: BulkCounts,
  seed = 20_221_021,
): Promise<BulkCounts> {
  const rng = prng(seed);
  const now = new Date().toISOString();
  const codes = (await db.selectFrom("jurisdictions").select("code").orderBy("code").execute()).map((j) => j.code);
  if (!codes.includes("US")) throw new Error("seed the jurisdictions (reference data) first");
  const others = codes.filter((c) => c !== "US");
  const usShare = Math.round(wanted.threats * 0.06);

  // Actions per threat: one each, the rest spread at random over all threats.
  const perThreat = new Array<number>(wanted.threats).fill(1);
  for (let i = wanted.threats; i < wanted.actions; i++) perThreat[Math.floor(rng() * wanted.threats)]++;

  await db.transaction().execute(async (trx) => {
    let threatId = await maxId(trx, "threats");
    let actionId = await maxId(trx, "threat_actions");
    const threats: Array<Insertable<Database["threats"]>> = [];
    const categories: Array<Insertable<Database["threat_categories"]>> = [];
    const sources: Array<Insertable<Database["threat_sources"]>> = [];
    const actions: Array<Insertable<Database["threat_actions"]>> = [];
    const outcomes: Array<Insertable<Database["threat_outcome_changes"]>> = [];
    const statements: Array<Insertable<Database["policymaker_statements"]>> = [];
    const relations: Array<Insertable<Database["threat_relations"]>> = [];
    const lastByJurisdiction = new Map<string, number>();

    for (let i = 0; i < wanted.threats; i++) {
      const id = ++threatId;
      // Every jurisdiction gets threats, in turn, so none is left empty; the US gets its share.
      const code = i < usShare ? "US" : others[(i - usShare) % others.length];
      const year = 2015 + (i % 12);
      const firstSeen = Date.UTC(year, int(rng, 0, 11), int(rng, 1, 28));
      const cats = new Set<Category>([weighted(rng, CATEGORY_WEIGHTS)]);
      if (i < CATEGORIES.length) cats.add(CATEGORIES[i]);
      while (rng() < 0.4 && cats.size < 3) cats.add(weighted(rng, CATEGORY_WEIGHTS));
      const subject = pick(rng, SUBJECTS);
      const shortName = `${subject} ${rng() < 0.5 ? "Act" : "Bill"}`;
      const title = `${pick(rng, ["", "Draft ", "Proposed "])}${subject} (Amendment No. ${int(rng, 1, 9)}) ${
        rng() < 0.5 ? "Act" : "Regulations"
      } ${year}`;
      const identifier = `${code === "US" ? pick(rng, ["S.", "H.R."]) : "No. "}${int(rng, 1, 9999)}`;
      const summary = summaryText(rng, cats.has("encryption"));

      const dated: Array<{ id: number; occurred_on: string; classification: Classification }> = [];
      let day = firstSeen;
      for (let k = 0; k < perThreat[i]; k++) {
        const last = k === perThreat[i] - 1;
        const classification =
          k === 0 ? pick(rng, OPENING) : last && rng() < 0.45 ? pick(rng, ENDING) : pick(rng, MOVING);
        dated.push({ id: ++actionId, occurred_on: isoDate(day), classification });
        day = Math.min(LAST_DAY, day + int(rng, 0, 120) * DAY);
      }
      for (const a of dated) {
        actions.push({
          ...a,
          threat_id: id,
          note: sentence(rng).slice(0, int(rng, 40, 200)),
          source_url: rng() < 0.6 ? `https://example.org/${code.toLowerCase()}/record/${a.id}` : null,
          created_by: null,
          created_at: `${a.occurred_on}T12:00:00.000Z`,
          updated_at: `${a.occurred_on}T12:00:00.000Z`,
        });
      }
      const { stage, stage_on } = deriveStage(dated);
      let outcome: Outcome = "open";
      if (stage && CLOSED_STAGES.has(stage)) outcome = rng() < 0.7 ? "mitigated" : "partially_mitigated";
      else if (stage === "enacted" || stage === "implementation")
        outcome = rng() < 0.5 ? "not_mitigated" : "partially_mitigated";
      const changedAt = `${stage_on ?? isoDate(firstSeen)}T12:00:00.000Z`;
      if (outcome !== "open") {
        const reason = sentence(rng);
        outcomes.push({
          threat_id: id,
          outcome,
          reason,
          decided_on: stage_on ?? isoDate(firstSeen),
          changed_by: null,
          created_at: changedAt,
          updated_at: changedAt,
        });
      }
      threats.push({
        id,
        slug: `${slugify(`${code} ${shortName} ${year}`)}-${id}`,
        jurisdiction_code: code,
        kind: weighted(rng, KIND_WEIGHTS),
        identifier,
        title,
        short_name: shortName,
        summary,
        severity: weighted(rng, SEVERITY_WEIGHTS),
        first_seen_on: isoDate(firstSeen),
        stage,
        stage_on,
        outcome,
        outcome_reason: outcome === "open" ? null : (outcomes[outcomes.length - 1]?.reason ?? null),
        outcome_on: outcome === "open" ? null : (stage_on ?? isoDate(firstSeen)),
        search_text: searchable(title, shortName, identifier, summary),
        created_at: `${isoDate(firstSeen)}T09:00:00.000Z`,
        updated_at: changedAt,
      });
      for (const category of cats) categories.push({ threat_id: id, category });
      sources.push({
        threat_id: id,
        url: `https://example.org/${code.toLowerCase()}/bills/${id}`,
        label: identifier,
        created_at: now,
        updated_at: now,
      });
      const previous = lastByJurisdiction.get(code);
      if (previous !== undefined && rng() < 0.05)
        relations.push({
          threat_id: previous,
          related_threat_id: id,
          relation: "reintroduced_as",
          created_at: now,
          updated_at: now,
        });
      lastByJurisdiction.set(code, id);
      if (rng() < 0.2) {
        statements.push({
          speaker: `Speaker ${id}`,
          speaker_role: pick(rng, ["Minister", "Member of Parliament", "Senator", "Regulator", "Delegation head"]),
          body: pick(rng, ["Parliament", "Senate", "Ministry", "Regulator", "Delegation"]),
          jurisdiction_code: code,
          stated_on: stage_on ?? isoDate(firstSeen),
          stance: pick(rng, ["supportive", "neutral", "opposed"] as const),
          kind: pick(rng, ["statement", "delegation_position", "policy_adopted"] as const),
          quote: sentence(rng),
          url: `https://example.org/${code.toLowerCase()}/statements/${id}`,
          threat_id: id,
          created_by: null,
          created_at: now,
          updated_at: now,
        });
      }
    }

    for (const rows of chunks(threats, 18)) await trx.insertInto("threats").values(rows).execute();
    for (const rows of chunks(categories, 2)) await trx.insertInto("threat_categories").values(rows).execute();
    for (const rows of chunks(sources, 5)) await trx.insertInto("threat_sources").values(rows).execute();
    for (const rows of chunks(actions, 9)) await trx.insertInto("threat_actions").values(rows).execute();
    for (const rows of chunks(outcomes, 7)) await trx.insertInto("threat_outcome_changes").values(rows).execute();
    for (const rows of chunks(relations, 5)) await trx.insertInto("threat_relations").values(rows).execute();
    for (const rows of chunks(statements, 14)) await trx.insertInto("policymaker_statements").values(rows).execute();
  });
  return { threats: wanted.threats, actions: Math.max(wanted.actions, wanted.threats) };
}
