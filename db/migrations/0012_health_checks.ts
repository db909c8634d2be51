import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// One row that /healthz rewrites on every check, so a database that can be read but not written
// (full disk, read-only file or replica) reports unhealthy.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("health_checks")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("checked_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("health_checks").execute();
}
