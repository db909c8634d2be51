import { sql, type Kysely } from "kysely";
import type { DialectName } from "../dialect";

// Frozen once landed: change the schema with a new migration, never by editing this one.
// A trigram index over threats.search_text, so that a search finds its threats without reading
// every row (docs/decisions/0041-search-trigram-index.md).
//
// SQLite: an FTS5 table with the trigram tokenizer, its content read from `threats` (external
// content: the index only, no second copy of the text), kept in step by triggers on every insert,
// delete and change of search_text, whoever writes the row; case_sensitive 1, because
// search_text is already folded (searchable()) and the index must not fold anything further.
// PostgreSQL: pg_trgm's GIN index, which answers the LIKE the search already runs. Where the
// extension cannot be created (not installed, no privilege), the migration leaves the index out
// and says so: the search still works, reading every row as before.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") {
    await sql`
      do $$
      begin
        create extension if not exists pg_trgm;
      exception when others then
        raise warning 'pg_trgm is not available (%): threat search runs without its trigram index', sqlerrm;
      end
      $$
    `.execute(db);
    await sql`
      do $$
      begin
        if exists (select 1 from pg_extension where extname = 'pg_trgm') then
          create index if not exists threats_search_text_trgm on threats using gin (search_text gin_trgm_ops);
        end if;
      end
      $$
    `.execute(db);
    return;
  }
  await db.transaction().execute(async (trx) => {
    await sql`
      create virtual table threats_fts using fts5(
        search_text,
        content = 'threats',
        content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1'
      )
    `.execute(trx);
    await sql`
      create trigger threats_fts_insert after insert on threats begin
        insert into threats_fts (rowid, search_text) values (new.id, new.search_text);
      end
    `.execute(trx);
    await sql`
      create trigger threats_fts_delete after delete on threats begin
        insert into threats_fts (threats_fts, rowid, search_text) values ('delete', old.id, old.search_text);
      end
    `.execute(trx);
    await sql`
      create trigger threats_fts_update after update of id, search_text on threats begin
        insert into threats_fts (threats_fts, rowid, search_text) values ('delete', old.id, old.search_text);
        insert into threats_fts (rowid, search_text) values (new.id, new.search_text);
      end
    `.execute(trx);
    await sql`insert into threats_fts (threats_fts) values ('rebuild')`.execute(trx);
    await sql`insert into threats_fts (threats_fts) values ('optimize')`.execute(trx);
  });
}

export async function down(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") {
    // The extension may serve others: only the index goes.
    await sql`drop index if exists threats_search_text_trgm`.execute(db);
    return;
  }
  await sql`drop trigger if exists threats_fts_update`.execute(db);
  await sql`drop trigger if exists threats_fts_delete`.execute(db);
  await sql`drop trigger if exists threats_fts_insert`.execute(db);
  await sql`drop table if exists threats_fts`.execute(db);
}
