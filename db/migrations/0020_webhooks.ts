import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Outbound webhooks per API key: the endpoints an admin registers for a key, and the outbox of
// their deliveries (one row per event and endpoint, written in the transaction of the change that
// causes it, drained by the webhook worker). The secret is kept as the `whsec_` string because it
// signs every delivery (HMAC needs the key itself, not a hash of it).
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withIdColumn(dialect, db.schema.createTable("webhook_endpoints"))
    .addColumn("api_key_id", "integer", (c) => c.notNull().references("api_keys.id").onDelete("cascade"))
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("event_types", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("disabled_reason", "text")
    .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("webhook_endpoints_api_key").on("webhook_endpoints").column("api_key_id").execute();

  await withIdColumn(dialect, db.schema.createTable("webhook_outbox"))
    .addColumn("endpoint_id", "integer", (c) => c.notNull().references("webhook_endpoints.id").onDelete("cascade"))
    .addColumn("event_type", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_status_code", "integer")
    .addColumn("last_error", "text")
    .addColumn("delivered_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("webhook_outbox_due")
    .on("webhook_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema.createIndex("webhook_outbox_endpoint").on("webhook_outbox").columns(["endpoint_id", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("webhook_outbox").execute();
  await db.schema.dropTable("webhook_endpoints").execute();
}
