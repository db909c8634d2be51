import { sql, type Kysely } from "kysely";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// A letter's confirmed signatures counted by country, kind and consent to be listed, kept in step
// with `signatures` by the transactions that change a signature's status, so that the letter's
// page reads a few rows however many signed. A signature without a country counts under '' (a
// primary key column cannot be null); no jurisdiction has that code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("open_letter_signature_counts")
    .addColumn("letter_id", "integer", (c) => c.notNull().references("open_letters.id").onDelete("cascade"))
    .addColumn("jurisdiction_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("show_publicly", "integer", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("open_letter_signature_counts_pk", [
      "letter_id",
      "jurisdiction_code",
      "kind",
      "show_publicly",
    ])
    .execute();
  await sql`
    insert into open_letter_signature_counts (letter_id, jurisdiction_code, kind, show_publicly, "count")
    select letter_id, coalesce(jurisdiction_code, ''), kind, show_publicly, count(*)
    from signatures
    where status = 'confirmed'
    group by letter_id, jurisdiction_code, kind, show_publicly
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("open_letter_signature_counts").execute();
}
