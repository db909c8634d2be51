import type { CreateTableBuilder, Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  await ts(
    withIdColumn(dialect, db.schema.createTable("threats"))
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("identifier", "text")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("short_name", "text")
      .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("severity", "text", (c) => c.notNull())
      .addColumn("first_seen_on", "text", (c) => c.notNull())
      // Derived from the latest dated action by app/features/threats; never set by hand.
      .addColumn("stage", "text")
      .addColumn("stage_on", "text")
      .addColumn("outcome", "text", (c) => c.notNull().defaultTo("open"))
      .addColumn("outcome_reason", "text")
      .addColumn("outcome_on", "text")
      // Lower-cased title, short name, identifier and summary: portable LIKE search on both dialects.
      .addColumn("search_text", "text", (c) => c.notNull().defaultTo("")),
  ).execute();
  for (const columns of [
    ["jurisdiction_code"],
    ["stage"],
    ["outcome"],
    ["severity"],
    ["first_seen_on"],
    ["updated_at"],
  ]) {
    await db.schema
      .createIndex(`threats_${columns.join("_")}`)
      .on("threats")
      .columns(columns)
      .execute();
  }

  await db.schema
    .createTable("threat_categories")
    .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
    .addColumn("category", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("threat_categories_pk", ["threat_id", "category"])
    .execute();
  await db.schema
    .createIndex("threat_categories_category")
    .on("threat_categories")
    .columns(["category", "threat_id"])
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("threat_sources"))
      .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("label", "text"),
  ).execute();
  await db.schema.createIndex("threat_sources_threat").on("threat_sources").column("threat_id").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("threat_relations"))
      .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
      .addColumn("related_threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
      .addColumn("relation", "text", (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex("threat_relations_unique")
    .on("threat_relations")
    .columns(["threat_id", "related_threat_id", "relation"])
    .unique()
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("threat_actions"))
      .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
      .addColumn("occurred_on", "text", (c) => c.notNull())
      .addColumn("classification", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("source_url", "text")
      .addColumn("created_by", "integer", (c) => c.references("users.id")),
  ).execute();
  await db.schema
    .createIndex("threat_actions_threat")
    .on("threat_actions")
    .columns(["threat_id", "occurred_on"])
    .execute();
  await db.schema.createIndex("threat_actions_created").on("threat_actions").column("created_at").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("threat_outcome_changes"))
      .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("decided_on", "text", (c) => c.notNull())
      .addColumn("changed_by", "integer", (c) => c.references("users.id")),
  ).execute();
  await db.schema
    .createIndex("threat_outcome_changes_threat")
    .on("threat_outcome_changes")
    .column("threat_id")
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("threat_proposals"))
      .addColumn("proposed_by", "integer", (c) => c.notNull().references("users.id"))
      .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("identifier", "text")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("source_url", "text")
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("review_reason", "text")
      .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "text")
      .addColumn("threat_id", "integer", (c) => c.references("threats.id")),
  ).execute();
  await db.schema
    .createIndex("threat_proposals_status")
    .on("threat_proposals")
    .columns(["status", "created_at"])
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("impact_properties"))
      .addColumn("key", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("name_fr", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1)),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("impact_assessments"))
      .addColumn("threat_id", "integer", (c) => c.notNull().unique().references("threats.id").onDelete("cascade"))
      .addColumn("assessed_by", "integer", (c) => c.references("users.id"))
      .addColumn("summary", "text"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("impact_ratings"))
      .addColumn("assessment_id", "integer", (c) => c.notNull().references("impact_assessments.id").onDelete("cascade"))
      .addColumn("property_id", "integer", (c) => c.notNull().references("impact_properties.id"))
      .addColumn("rating", "text", (c) => c.notNull())
      .addColumn("note", "text"),
  ).execute();
  await db.schema
    .createIndex("impact_ratings_unique")
    .on("impact_ratings")
    .columns(["assessment_id", "property_id"])
    .unique()
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("policymaker_statements"))
      .addColumn("speaker", "text", (c) => c.notNull())
      .addColumn("speaker_role", "text")
      .addColumn("body", "text")
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("stated_on", "text", (c) => c.notNull())
      .addColumn("stance", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("quote", "text")
      .addColumn("url", "text")
      .addColumn("threat_id", "integer", (c) => c.references("threats.id").onDelete("set null"))
      .addColumn("created_by", "integer", (c) => c.references("users.id")),
  ).execute();
  await db.schema
    .createIndex("statements_jurisdiction")
    .on("policymaker_statements")
    .column("jurisdiction_code")
    .execute();
  await db.schema.createIndex("statements_threat").on("policymaker_statements").column("threat_id").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("follows"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("threat_id", "integer", (c) => c.references("threats.id").onDelete("cascade"))
      .addColumn("jurisdiction_code", "text", (c) => c.references("jurisdictions.code")),
  ).execute();
  await db.schema.createIndex("follows_user_threat").on("follows").columns(["user_id", "threat_id"]).unique().execute();
  await db.schema
    .createIndex("follows_user_jurisdiction")
    .on("follows")
    .columns(["user_id", "jurisdiction_code"])
    .unique()
    .execute();
  await db.schema.createIndex("follows_threat").on("follows").column("threat_id").execute();
  await db.schema.createIndex("follows_jurisdiction").on("follows").column("jurisdiction_code").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "follows",
    "policymaker_statements",
    "impact_ratings",
    "impact_assessments",
    "impact_properties",
    "threat_proposals",
    "threat_outcome_changes",
    "threat_actions",
    "threat_relations",
    "threat_sources",
    "threat_categories",
    "threats",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
