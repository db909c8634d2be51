import { sql, type CreateTableBuilder, type Kysely } from "kysely";
import { withIdColumn, type DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.

/** The folding of this migration's time (a copy, so that a later change to the app's cannot alter it). */
function fold(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

interface MemberRow {
  id: number;
  name: string;
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const ts = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
    t.addColumn("created_at", "text", (c) => c.notNull()).addColumn("updated_at", "text", (c) => c.notNull());

  // Organisation names are unique once folded for case, accents and spacing. The app computes the
  // folded name (SQLite and PostgreSQL fold differently); the default only lets the column be added.
  await db.schema
    .alterTable("coalition_members")
    .addColumn("name_folded", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  const members = (await sql<MemberRow>`select id, name from coalition_members order by id`.execute(db)).rows;
  const taken = new Set<string>();
  const now = new Date().toISOString();
  for (const member of members) {
    let name = member.name;
    let folded = fold(name);
    // An older duplicate keeps its name; a later one gets its id appended and an audit entry, so
    // staff can see and settle it.
    if (taken.has(folded)) {
      name = `${member.name} (${member.id})`;
      folded = fold(name);
      await sql`insert into audit_log (actor_user_id, action, entity_type, entity_id, before_json, after_json, created_at, updated_at)
        values (null, 'member.rename_duplicate', 'coalition_member', ${String(member.id)},
          ${JSON.stringify({ name: member.name })}, ${JSON.stringify({ name })}, ${now}, ${now})`.execute(db);
    }
    taken.add(folded);
    await sql`update coalition_members set name = ${name}, name_folded = ${folded} where id = ${member.id}`.execute(db);
  }
  await db.schema
    .createIndex("coalition_members_name_folded")
    .unique()
    .on("coalition_members")
    .column("name_folded")
    .execute();

  // A representative's change of their organisation's public name or website, held for staff review.
  // `name` is null when the request leaves the name as it is; `website_changed` says whether it
  // changes the website (to `website`, null for none).
  await ts(
    withIdColumn(dialect, db.schema.createTable("coalition_member_changes"))
      .addColumn("member_id", "integer", (c) => c.notNull().references("coalition_members.id"))
      .addColumn("requested_by", "integer", (c) => c.references("users.id"))
      .addColumn("name", "text")
      .addColumn("name_folded", "text")
      .addColumn("website_changed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("website", "text")
      .addColumn("previous_name", "text", (c) => c.notNull())
      .addColumn("previous_website", "text")
      // pending → approved | rejected | withdrawn (replaced by the representative, or taken back)
      .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
      .addColumn("reviewed_by", "integer", (c) => c.references("users.id"))
      .addColumn("reviewed_at", "text")
      .addColumn("review_comment", "text"),
  ).execute();
  // One pending request per member, and no two pending requests for the same name.
  await db.schema
    .createIndex("coalition_member_changes_one_pending")
    .unique()
    .on("coalition_member_changes")
    .column("member_id")
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("coalition_member_changes_pending_name")
    .unique()
    .on("coalition_member_changes")
    .column("name_folded")
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema
    .createIndex("coalition_member_changes_status")
    .on("coalition_member_changes")
    .columns(["status", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("coalition_member_changes").execute();
  await db.schema.dropIndex("coalition_members_name_folded").execute();
  await db.schema.alterTable("coalition_members").dropColumn("name_folded").execute();
}
