import { sql, type SelectQueryBuilder } from "kysely";
import type { ModifiedDateFilter } from "~/features/osdi/query";

/**
 * Rows whose `column` lies within the filter's bounds. Timestamps are ISO 8601 strings in UTC,
 * all written by toISOString(), so they compare as text on SQLite and PostgreSQL alike. The column
 * is always one of ours, never a client's string.
 */
export function whereModified<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: string,
  filter: ModifiedDateFilter,
): SelectQueryBuilder<DB, TB, O> {
  let q = query;
  if (filter.after) q = q.where(sql.ref(column), ">", filter.after);
  if (filter.before) q = q.where(sql.ref(column), "<", filter.before);
  return q;
}
