import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The text an applicant writes for the public directory, apart from their motivation (which only
// the staff read). Null for applications sent before the form asked for it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("coalition_applications").addColumn("public_profile", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("coalition_applications").dropColumn("public_profile").execute();
}
