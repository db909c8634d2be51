/**
 * What the database holds, in brief: for every table its row count, highest id and latest
 * updated_at. A refused submission must leave it unchanged.
 */
import { sql } from "kysely";
import { db } from "../../../db/connection";

/**
 * Tables a refusal may legitimately touch: none. Rate-limit counters live in the process's memory
 * (rate-limit.server.ts), refusals are not audited, and a failed login records nothing (this
 * suite checks all three). Kysely's own migration tables are not data.
 */
const EXCLUDED = new Set<string>(["kysely_migration", "kysely_migration_lock"]);

let shape: Array<{ table: string; hasId: boolean; hasUpdatedAt: boolean }> | undefined;

export async function fingerprint(): Promise<Record<string, string>> {
  shape ??= (await db.introspection.getTables())
    .filter((t) => !t.isView && !EXCLUDED.has(t.name))
    .map((t) => ({
      table: t.name,
      hasId: t.columns.some((c) => c.name === "id"),
      hasUpdatedAt: t.columns.some((c) => c.name === "updated_at"),
    }));
  const result: Record<string, string> = {};
  for (const { table, hasId, hasUpdatedAt } of shape) {
    const row = await sql<{ n: number; top: unknown; changed: unknown }>`
      select count(*) as n,
        ${hasId ? sql`max(${sql.ref("id")})` : sql`null`} as top,
        ${hasUpdatedAt ? sql`max(${sql.ref("updated_at")})` : sql`null`} as changed
      from ${sql.table(table)}`.execute(db);
    const { n, top, changed } = row.rows[0];
    result[table] = `${Number(n)}/${String(top)}/${String(changed)}`;
  }
  return result;
}
