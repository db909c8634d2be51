import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: import("kysely").CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  await ts(
    db.schema
      .createTable("jurisdictions")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name_en", "text", (c) => c.notNull())
      .addColumn("name_fr", "text", (c) => c.notNull()),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("chapters"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("kind", "text", (c) => c.notNull().defaultTo("chapter"))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active")),
  ).execute();
  await db.schema.createIndex("chapters_name_unique").on("chapters").column("name").unique().execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("coalition_members"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("sector", "text", (c) => c.notNull())
      .addColumn("jurisdiction_code", "text", (c) => c.references("jurisdictions.code"))
      .addColumn("website", "text")
      .addColumn("joined_on", "text")
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
      .addColumn("public_profile", "text"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("users"))
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text")
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
      .addColumn("coalition_member_id", "integer", (c) => c.references("coalition_members.id"))
      .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
      .addColumn("status", "text", (c) => c.notNull().defaultTo("active"))
      .addColumn("last_login_at", "text"),
  ).execute();

  await ts(
    db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("secret_hash", "text", (c) => c.notNull())
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("expires_at", "text", (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("password_resets"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_at", "text"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("invitations"))
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("chapter_id", "integer", (c) => c.references("chapters.id"))
      .addColumn("coalition_member_id", "integer", (c) => c.references("coalition_members.id"))
      .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
      .addColumn("invited_by", "integer", (c) => c.references("users.id"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("accepted_at", "text")
      .addColumn("revoked_at", "text"),
  ).execute();
  await db.schema.createIndex("invitations_email").on("invitations").column("email").execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("outbox"))
      .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
      .addColumn("template", "text", (c) => c.notNull())
      .addColumn("locale", "text", (c) => c.notNull())
      .addColumn("to_address", "text", (c) => c.notNull())
      .addColumn("from_address", "text", (c) => c.notNull())
      .addColumn("reply_to", "text")
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("html", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("next_attempt_at", "text", (c) => c.notNull())
      .addColumn("last_error", "text")
      .addColumn("provider_id", "text")
      .addColumn("sent_at", "text"),
  ).execute();
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("audit_log"))
      .addColumn("actor_user_id", "integer", (c) => c.references("users.id"))
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("entity_type", "text", (c) => c.notNull())
      .addColumn("entity_id", "text")
      .addColumn("before_json", "text")
      .addColumn("after_json", "text"),
  ).execute();
  await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity_type", "entity_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_log",
    "outbox",
    "invitations",
    "password_resets",
    "sessions",
    "users",
    "coalition_members",
    "chapters",
    "jurisdictions",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
