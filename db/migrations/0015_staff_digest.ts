import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// The staff inbox and its daily digest: whether a user wants the digest mail (on unless they opt
// out; only staff and admins are ever sent one), and indexes so that the count and oldest date of
// the advocacy and event review queues come from an index instead of a scan of every row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("staff_digest", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex("advocacy_actions_review_updated")
    .on("advocacy_actions")
    .columns(["review_status", "updated_at"])
    .execute();
  await db.schema.createIndex("events_status_updated").on("events").columns(["status", "updated_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("events_status_updated").execute();
  await db.schema.dropIndex("advocacy_actions_review_updated").execute();
  await db.schema.alterTable("users").dropColumn("staff_digest").execute();
}
