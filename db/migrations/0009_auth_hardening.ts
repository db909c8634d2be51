import type { Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Sign-in hardening: the addresses each user has signed in from (as keyed hashes), an absolute
// session lifetime with what the account page shows of each session (device, last seen, network),
// time-based one-time passwords with recovery codes, and when a failed-sign-in alert was last sent.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: import("kysely").CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  await ts(
    withIdColumn(dialect, db.schema.createTable("user_known_addresses"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("address_hash", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex("user_known_addresses_user_hash")
    .on("user_known_addresses")
    .columns(["user_id", "address_hash"])
    .unique()
    .execute();

  // A session from before this migration has no absolute end stored: it ends 30 days after created_at.
  await db.schema.alterTable("sessions").addColumn("absolute_expires_at", "text").execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
  await db.schema.alterTable("sessions").addColumn("network", "text").execute();
  await db.schema.alterTable("sessions").addColumn("last_seen_at", "text").execute();

  await db.schema.alterTable("users").addColumn("login_alert_sent_at", "text").execute();

  await ts(
    db.schema
      .createTable("user_totp")
      .addColumn("user_id", "integer", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
      .addColumn("secret_encrypted", "text", (c) => c.notNull())
      .addColumn("confirmed_at", "text")
      .addColumn("last_used_step", "integer"),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("user_recovery_codes"))
      .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("code_hash", "text", (c) => c.notNull())
      .addColumn("used_at", "text"),
  ).execute();
  await db.schema.createIndex("user_recovery_codes_user").on("user_recovery_codes").column("user_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_totp").execute();
  await db.schema.alterTable("users").dropColumn("login_alert_sent_at").execute();
  for (const column of ["last_seen_at", "network", "user_agent", "absolute_expires_at"]) {
    await db.schema.alterTable("sessions").dropColumn(column).execute();
  }
  await db.schema.dropTable("user_known_addresses").execute();
}
