import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Rate-limit counters shared by several app instances (RATE_LIMIT_STORE=database). The columns are
// the ones rate-limiter-flexible's database stores read and write: the limiter-prefixed hashed
// key, the points consumed, and when the window ends (milliseconds since the epoch).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "varchar(255)", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("expire", "bigint")
    .execute();
  await db.schema.createIndex("rate_limits_expire").on("rate_limits").column("expire").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("rate_limits").execute();
}
