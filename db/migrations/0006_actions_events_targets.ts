import type { CreateTableBuilder, Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  // A world region for the staff filter (africa, americas, asia_pacific, europe, middle_east, global).
  await db.schema.alterTable("chapters").addColumn("region", "text").execute();

  // The chapters' (and coalition members') advocacy log.
  await ts(
    withIdColumn(dialect, db.schema.createTable("advocacy_actions"))
      // Exactly one of chapter_id / coalition_member_id is set: who did it.
      .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
      .addColumn("coalition_member_id", "integer", (c) => c.references("coalition_members.id"))
      .addColumn("logged_by", "integer", (c) => c.references("users.id"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("occurred_on", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("policymakers", "text")
      .addColumn("threat_id", "integer", (c) => c.references("threats.id"))
      .addColumn("outcome", "text")
      .addColumn("evidence_url", "text")
      // pending → accepted | needs_changes (→ pending when edited); any → withdrawn
      .addColumn("review_status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("review_comment", "text")
      .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "text"),
  ).execute();
  await db.schema
    .createIndex("advocacy_actions_chapter")
    .on("advocacy_actions")
    .columns(["chapter_id", "occurred_on"])
    .execute();
  await db.schema
    .createIndex("advocacy_actions_member")
    .on("advocacy_actions")
    .columns(["coalition_member_id", "occurred_on"])
    .execute();
  await db.schema.createIndex("advocacy_actions_threat").on("advocacy_actions").column("threat_id").execute();
  await db.schema
    .createIndex("advocacy_actions_review")
    .on("advocacy_actions")
    .columns(["review_status", "occurred_on"])
    .execute();

  // Global Encryption Day: one edition per year.
  await ts(
    withIdColumn(dialect, db.schema.createTable("event_editions"))
      .addColumn("year", "integer", (c) => c.notNull().unique())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("theme", "text"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("events"))
      .addColumn("edition_id", "integer", (c) => c.notNull().references("event_editions.id"))
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      // Who organises: a chapter, a coalition member or staff (both ids null).
      .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
      .addColumn("coalition_member_id", "integer", (c) => c.references("coalition_members.id"))
      .addColumn("organiser_name", "text", (c) => c.notNull())
      .addColumn("submitted_by", "integer", (c) => c.references("users.id"))
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("city", "text")
      .addColumn("online", "integer", (c) => c.notNull().defaultTo(0))
      // Wall-clock times in the event's IANA time zone ("2026-10-21T18:00"), and the same instants in UTC.
      .addColumn("starts_local", "text", (c) => c.notNull())
      .addColumn("ends_local", "text", (c) => c.notNull())
      .addColumn("timezone", "text", (c) => c.notNull())
      .addColumn("starts_at", "text", (c) => c.notNull())
      .addColumn("ends_at", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("registration_url", "text")
      .addColumn("expected_reach", "integer")
      // submitted → approved | changes_requested (→ submitted when edited); any → withdrawn
      .addColumn("status", "text", (c) => c.notNull().defaultTo("submitted"))
      .addColumn("review_comment", "text")
      .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "text")
      // The organiser's report after the event: distinct audiences, so they add up without overlap.
      .addColumn("attendance", "integer")
      .addColumn("online_views", "integer")
      .addColumn("media_reach", "integer")
      .addColumn("reported_at", "text")
      // Kept equal to the number of confirmed RSVPs, in the same transaction as each change.
      .addColumn("rsvp_count", "integer", (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema.createIndex("events_edition").on("events").columns(["edition_id", "status", "starts_at"]).execute();
  await db.schema.createIndex("events_chapter").on("events").column("chapter_id").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("event_rsvps"))
      .addColumn("event_id", "integer", (c) => c.notNull().references("events.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("email_normalised", "text", (c) => c.notNull())
      // 1: the person agreed that the organiser sees their name and address.
      .addColumn("share_with_organiser", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("locale", "text", (c) => c.notNull())
      // pending → confirmed
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("confirm_token_hash", "text", (c) => c.unique())
      .addColumn("confirmed_at", "text"),
  ).execute();
  await db.schema
    .createIndex("event_rsvps_unique")
    .on("event_rsvps")
    .columns(["event_id", "email_normalised"])
    .unique()
    .execute();

  // Yearly targets; progress is computed live from the data, and snapshotted at year end.
  await ts(
    withIdColumn(dialect, db.schema.createTable("targets"))
      .addColumn("year", "integer", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("metric", "text", (c) => c.notNull())
      // JSON object: { category?, jurisdiction?, sector?, kind?, stance? } as the metric allows.
      .addColumn("filter", "text")
      .addColumn("comparison", "text", (c) => c.notNull().defaultTo("at_least"))
      .addColumn("goal", "real", (c) => c.notNull())
      // For the `manual` metric: the number staff entered and the evidence for it.
      .addColumn("manual_value", "real")
      .addColumn("manual_evidence", "text")
      .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_by", "integer", (c) => c.references("users.id")),
  ).execute();
  await db.schema.createIndex("targets_year").on("targets").columns(["year", "position"]).execute();

  await db.schema
    .createTable("target_snapshots")
    .addColumn("target_id", "integer", (c) => c.primaryKey().references("targets.id").onDelete("cascade"))
    .addColumn("value", "real", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("taken_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["target_snapshots", "targets", "event_rsvps", "events", "event_editions", "advocacy_actions"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("chapters").dropColumn("region").execute();
}
