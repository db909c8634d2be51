import type { CreateTableBuilder, Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  // Private contact of the member organisation (never shown publicly or in the API).
  await db.schema.alterTable("coalition_members").addColumn("contact_email", "text").execute();
  // Lower-cased, accent-folded name and profile for a portable LIKE search.
  await db.schema
    .alterTable("coalition_members")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // Whether the member agreed to appear in the public directory (individual experts may not).
  await db.schema
    .alterTable("coalition_members")
    .addColumn("public_listing", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex("coalition_members_status").on("coalition_members").columns(["status", "name"]).execute();
  await db.schema.createIndex("coalition_members_sector").on("coalition_members").column("sector").execute();
  await db.schema
    .createIndex("coalition_members_jurisdiction")
    .on("coalition_members")
    .column("jurisdiction_code")
    .execute();

  await ts(
    withIdColumn(dialect, db.schema.createTable("coalition_applications"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("sector", "text", (c) => c.notNull())
      .addColumn("jurisdiction_code", "text", (c) => c.notNull().references("jurisdictions.code"))
      .addColumn("website", "text")
      .addColumn("contact_name", "text", (c) => c.notNull())
      .addColumn("contact_email", "text", (c) => c.notNull())
      .addColumn("motivation", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("consent_public", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
      // unconfirmed → pending (e-mail confirmed) → approved | declined
      .addColumn("status", "text", (c) => c.notNull().defaultTo("unconfirmed"))
      .addColumn("confirm_token_hash", "text", (c) => c.notNull().unique())
      .addColumn("confirmed_at", "text")
      .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "text")
      .addColumn("decline_reason", "text")
      .addColumn("member_id", "integer", (c) => c.references("coalition_members.id")),
  ).execute();
  await db.schema
    .createIndex("coalition_applications_status")
    .on("coalition_applications")
    .columns(["status", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("coalition_applications").execute();
  await db.schema.dropIndex("coalition_members_jurisdiction").execute();
  await db.schema.dropIndex("coalition_members_sector").execute();
  await db.schema.dropIndex("coalition_members_status").execute();
  await db.schema.alterTable("coalition_members").dropColumn("public_listing").execute();
  await db.schema.alterTable("coalition_members").dropColumn("search_text").execute();
  await db.schema.alterTable("coalition_members").dropColumn("contact_email").execute();
}
