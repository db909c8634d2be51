import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The constituency a lawmaker represents as an Open Civic Data division id
// (`ocd-division/country:us/state:wa/cd:7`); null until an import or an edit gives one. Indexed
// for the directory's and the API's exact and sub-division filters.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("lawmakers").addColumn("ocd_division_id", "text").execute();
  await db.schema.createIndex("lawmakers_ocd_division").on("lawmakers").column("ocd_division_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("lawmakers_ocd_division").execute();
  await db.schema.alterTable("lawmakers").dropColumn("ocd_division_id").execute();
}
