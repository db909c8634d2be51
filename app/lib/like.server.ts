import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import { likePattern } from "~/lib/search";

/**
 * `expression LIKE '%query%' ESCAPE '\'`: the query's own `%`, `_` and `\` match literally, on
 * SQLite and PostgreSQL alike (SQLite has no default escape character).
 */
export function likeContains(
  expression: Expression<string | null> | RawBuilder<string>,
  query: string,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`${expression} like ${likePattern(query)} escape '\\'`;
}
