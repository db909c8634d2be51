import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Public pages whose cost grew with the data (bench/growth.ts): the map counts open threats per
// country (now from the index alone, already grouped); a country page takes its latest threats and
// counts them by outcome (now the first rows of one index, and a count from another); the feed takes
// the latest outcome changes (now the first rows of an index instead of a sort of all of them).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("threats_outcome_jurisdiction")
    .on("threats")
    .columns(["outcome", "jurisdiction_code"])
    .execute();
  await db.schema
    .createIndex("threats_jurisdiction_updated")
    .on("threats")
    .columns(["jurisdiction_code", "updated_at", "id"])
    .execute();
  await db.schema
    .createIndex("threats_jurisdiction_outcome")
    .on("threats")
    .columns(["jurisdiction_code", "outcome"])
    .execute();
  await db.schema
    .createIndex("threat_outcome_changes_created")
    .on("threat_outcome_changes")
    .columns(["created_at", "id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("threat_outcome_changes_created").execute();
  await db.schema.dropIndex("threats_jurisdiction_outcome").execute();
  await db.schema.dropIndex("threats_jurisdiction_updated").execute();
  await db.schema.dropIndex("threats_outcome_jurisdiction").execute();
}
