import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The yearly impact report: which years staff published (with the figures frozen as published, as
// JSON, and the sections shown), and the texts staff write per section and language.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("report_publications")
    .addColumn("year", "integer", (c) => c.primaryKey())
    .addColumn("published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text")
    .addColumn("published_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("figures", "text")
    .addColumn("sections", "text", (c) => c.notNull())
    .addColumn("revised_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await withIdColumn(dialect, db.schema.createTable("report_section_texts"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("report_section_texts_key", ["year", "section", "language"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_section_texts").execute();
  await db.schema.dropTable("report_publications").execute();
}
