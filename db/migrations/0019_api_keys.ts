import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Keys for the OSDI API: only the SHA-256 of the token is kept, with its short public prefix (how
// the key is found and recognised); `resources` is a JSON array of the personal-data resources the
// key may use. Uses are counted per key and day instead of one audit row per request.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withIdColumn(dialect, db.schema.createTable("api_keys"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull().unique())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("access", "text", (c) => c.notNull())
    .addColumn("resources", "text", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("api_key_usage")
    .addColumn("api_key_id", "integer", (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("requests", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("writes", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("api_key_usage_pk", ["api_key_id", "day"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("api_key_usage").execute();
  await db.schema.dropTable("api_keys").execute();
}
