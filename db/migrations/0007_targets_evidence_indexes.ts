import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Targets: the address of a manual figure's evidence and its unit; indexes that let the yearly
// targets page answer with aggregate queries that read indexes only.
const INDEXES: Array<{ name: string; table: string; columns: string[] }> = [
  // Accepted actions of a year by kind, by chapter, by member, by threat.
  {
    name: "advocacy_actions_review_kind",
    table: "advocacy_actions",
    columns: ["review_status", "kind", "occurred_on"],
  },
  {
    name: "advocacy_actions_chapter_review",
    table: "advocacy_actions",
    columns: ["chapter_id", "review_status", "occurred_on"],
  },
  {
    name: "advocacy_actions_member_review",
    table: "advocacy_actions",
    columns: ["coalition_member_id", "review_status", "occurred_on"],
  },
  {
    name: "advocacy_actions_threat_review",
    table: "advocacy_actions",
    columns: ["threat_id", "review_status", "occurred_on"],
  },
  { name: "threats_outcome_on", table: "threats", columns: ["outcome_on", "outcome"] },
  { name: "statements_stated_on", table: "policymaker_statements", columns: ["stated_on", "stance", "kind"] },
  { name: "signatures_confirmed_at", table: "signatures", columns: ["status", "confirmed_at"] },
  {
    name: "campaign_letter_events_status",
    table: "campaign_letter_events",
    columns: ["to_status", "letter_id", "created_at"],
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("targets").addColumn("manual_evidence_url", "text").execute();
  await db.schema.alterTable("targets").addColumn("manual_unit", "text").execute();
  for (const index of INDEXES) {
    await db.schema.createIndex(index.name).on(index.table).columns(index.columns).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of INDEXES) await db.schema.dropIndex(index.name).execute();
  await db.schema.alterTable("targets").dropColumn("manual_unit").execute();
  await db.schema.alterTable("targets").dropColumn("manual_evidence_url").execute();
}
