/**
 * The one adapter module that knows which SQL dialect is in use. Feature code and migrations ask
 * it for the few things that differ between SQLite and PostgreSQL instead of writing either's SQL.
 */
import {
  OperationNodeTransformer,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryExecutorProvider,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type SqlBool,
  type UnknownRow,
  type ValueNode,
} from "kysely";

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

/** The tables whose `search_text` has a trigram index, and the FTS5 table that holds it on SQLite. */
const TRIGRAM_INDEXES = { threats: "threats_fts" } as const;

/**
 * The ids of the rows of `table` whose `search_text` contains `folded`, a query folded as
 * search_text is (`searchable()`), read once from the trigram index of migration 0023: on SQLite
 * the FTS5 table, matched with the query as one quoted phrase. Inside an FTS5 string only `"`
 * means anything (it is doubled), so `*`, `NEAR`, `AND`, `-`, `:` and `^` stay characters; the
 * phrase is a bound parameter, so SQL never sees it either. The index folds nothing
 * (case_sensitive 1): a row matches when the query is a substring of its text, exactly what
 * `LIKE '%…%'` finds in text that is already lower-cased (its ASCII case folding then changes
 * nothing). Triggers keep the index in step with the table, so every id is a row's.
 *
 * Undefined where the caller's portable `LIKE` must answer: on PostgreSQL, whose pg_trgm index
 * serves that `LIKE` itself; under three characters, which hold no trigram; and with a NUL, which
 * FTS5's query parser refuses and at which SQLite's `LIKE` stops reading.
 */
export async function trigramMatchIds(
  executor: QueryExecutorProvider,
  dialect: DialectName,
  table: keyof typeof TRIGRAM_INDEXES,
  folded: string,
): Promise<number[] | undefined> {
  if (dialect === "postgres" || [...folded].length < 3 || folded.includes("\0")) return undefined;
  const index = sql.table(TRIGRAM_INDEXES[table]);
  const phrase = `"${folded.replaceAll('"', '""')}"`;
  const { rows } = await sql<{ id: number }>`
    select rowid as id from ${index} where ${index} match ${phrase}
  `.execute(executor);
  return rows.map((row) => row.id);
}

/**
 * `column` is one of `ids`, bound as one parameter whatever their number (a JSON array read by
 * `json_each` on SQLite, an array on PostgreSQL), so the statement stays one prepared statement.
 *
 * `probe` is for a query that walks rows in its own order and stops early (`ORDER BY … LIMIT`):
 * SQLite then looks each row it walks up in the ids, instead of starting from the ids, reading
 * every one of those rows and sorting them all (`+` keeps the column from driving the lookup).
 */
export function idIn(dialect: DialectName, column: string, ids: number[], { probe = false } = {}): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (dialect === "postgres") return sql<SqlBool>`${ref} = any(${ids}::integer[])`;
  const left = probe ? sql`+${ref}` : ref;
  return sql<SqlBool>`${left} in (select value from json_each(${JSON.stringify(ids)}))`;
}

export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

const withoutNul = (value: unknown): unknown =>
  typeof value === "string" && value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value;

class NulReplacer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: withoutNul(node.value) };
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(withoutNul) };
  }
}

/**
 * PostgreSQL text cannot hold U+0000 and rejects the whole statement, where SQLite stores it. A
 * NUL byte in a form field or query string is never meaningful: on PostgreSQL every string bound
 * to a query has it replaced by U+FFFD, so hostile input is stored and shown instead of failing.
 */
export class PostgresNulPlugin implements KyselyPlugin {
  readonly #replacer = new NulReplacer();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#replacer.transformNode(args.node);
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
