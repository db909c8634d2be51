/**
 * The one adapter module that knows which SQL dialect is in use. Feature code and migrations ask
 * it for the few things that differ between SQLite and PostgreSQL instead of writing either's SQL.
 */
import type { ColumnDefinitionBuilder, CreateTableBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

/** Environment variables, as process.env or a plain object in tests. */
export type Env = Record<string, string | undefined>;

export function dialectFromEnv(env: Env = process.env): DialectName {
  const url = env.DATABASE_URL ?? "";
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** An auto-incrementing integer primary key named `id`. */
export function withIdColumn<T extends string>(
  dialect: DialectName,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, "id"> {
  return dialect === "postgres"
    ? table.addColumn("id", "integer", (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
