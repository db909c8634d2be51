import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Staff-written content in other languages than the one it was written in: one row per item,
// field and language. The item's own columns stay the original, in `original_locale` (the staff
// wrote everything in English so far). `source_text` is the original as it was when the version
// was saved, so a later change of the original shows the version as stale.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withIdColumn(dialect, db.schema.createTable("content_versions"))
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "integer", (c) => c.notNull())
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("source_text", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("content_versions_key", ["entity_type", "entity_id", "field", "locale"])
    .execute();
  await db.schema
    .createIndex("content_versions_by_locale")
    .on("content_versions")
    .columns(["entity_type", "locale"])
    .execute();
  for (const table of ["threats", "events", "targets"]) {
    await db.schema
      .alterTable(table)
      .addColumn("original_locale", "text", (c) => c.notNull().defaultTo("en"))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["threats", "events", "targets"]) {
    await db.schema.alterTable(table).dropColumn("original_locale").execute();
  }
  await db.schema.dropTable("content_versions").execute();
}
