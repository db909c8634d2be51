import type { CreateTableBuilder, Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  await ts(
    withIdColumn(dialect, db.schema.createTable("open_letters"))
      .addColumn("slug", "text", (c) => c.notNull().unique())
      // draft → open → closed → delivered
      .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
      .addColumn("opens_on", "text")
      .addColumn("closes_on", "text")
      .addColumn("signature_goal", "integer")
      // The version new signatures sign; frozen once the letter opens.
      .addColumn("current_version", "integer", (c) => c.notNull().defaultTo(1))
      // Kept equal to the number of confirmed signatures, in the same transaction as each change.
      .addColumn("confirmed_count", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("delivered_on", "text")
      .addColumn("delivered_to", "text")
      .addColumn("created_by", "integer", (c) => c.references("users.id")),
  ).execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("open_letter_texts"))
      .addColumn("letter_id", "integer", (c) => c.notNull().references("open_letters.id").onDelete("cascade"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull()),
  ).execute();
  await db.schema
    .createIndex("open_letter_texts_unique")
    .on("open_letter_texts")
    .columns(["letter_id", "version", "language"])
    .unique()
    .execute();

  await db.schema
    .createTable("open_letter_threats")
    .addColumn("letter_id", "integer", (c) => c.notNull().references("open_letters.id").onDelete("cascade"))
    .addColumn("threat_id", "integer", (c) => c.notNull().references("threats.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("open_letter_threats_pk", ["letter_id", "threat_id"])
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("signatures"))
      .addColumn("letter_id", "integer", (c) => c.notNull().references("open_letters.id").onDelete("cascade"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("affiliation", "text")
      .addColumn("jurisdiction_code", "text", (c) => c.references("jurisdictions.code"))
      // Private. Individuals only; organisations sign through their representative's account.
      .addColumn("email", "text")
      .addColumn("email_normalised", "text")
      .addColumn("coalition_member_id", "integer", (c) => c.references("coalition_members.id"))
      .addColumn("signed_by_user_id", "integer", (c) => c.references("users.id"))
      .addColumn("show_publicly", "integer", (c) => c.notNull().defaultTo(0))
      // pending → confirmed → withdrawn; pending/confirmed → rejected (moderation)
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("confirm_token_hash", "text", (c) => c.unique())
      .addColumn("withdraw_token_hash", "text", (c) => c.unique())
      .addColumn("confirmed_at", "text")
      .addColumn("withdrawn_at", "text")
      .addColumn("rejected_at", "text")
      .addColumn("rejection_reason", "text")
      // A keyed hash of the signer's address, for moderation and blocklists; never the address.
      .addColumn("ip_hash", "text"),
  ).execute();
  // One signature per letter per person (normalised e-mail) and per organisation.
  await db.schema
    .createIndex("signatures_letter_email")
    .on("signatures")
    .columns(["letter_id", "email_normalised"])
    .unique()
    .execute();
  await db.schema
    .createIndex("signatures_letter_member")
    .on("signatures")
    .columns(["letter_id", "coalition_member_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("signatures_public")
    .on("signatures")
    .columns(["letter_id", "status", "kind", "confirmed_at"])
    .execute();
  // The public list, in page order (organisations first, then by confirmation): a LIMIT reads
  // only the rows it shows, however many thousands signed.
  await db.schema
    .createIndex("signatures_public_list")
    .on("signatures")
    .columns(["letter_id", "status", "show_publicly", "kind desc", "confirmed_at", "id"])
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("signature_blocklist"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("created_by", "integer", (c) => c.references("users.id")),
  ).execute();
  await db.schema
    .createIndex("signature_blocklist_unique")
    .on("signature_blocklist")
    .columns(["kind", "value"])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "signature_blocklist",
    "signatures",
    "open_letter_threats",
    "open_letter_texts",
    "open_letters",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
