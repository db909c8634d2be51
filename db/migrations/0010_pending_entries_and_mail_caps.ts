import type { Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// Caps on unsolicited mail (confirmation links, reminders, invitations, password resets): each such
// outbox row carries a keyed hash of its recipient's normalised address, so the rows one address
// got in the last hour or day can be counted without storing the address a second time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("outbox").addColumn("recipient_key", "text").execute();
  await db.schema.createIndex("outbox_recipient_key").on("outbox").columns(["recipient_key", "created_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("outbox_recipient_key").execute();
  await db.schema.alterTable("outbox").dropColumn("recipient_key").execute();
}
