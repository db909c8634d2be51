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
 * Rows of `table` whose `search_text` contains `folded`, a query folded as search_text is
 * (`searchable()`), found through the trigram index of migration 0023: on SQLite the FTS5 table,
 * matched with the query as one quoted phrase. Inside an FTS5 string only `"` means anything (it is
 * doubled), so `*`, `NEAR`, `AND`, `-`, `:` and `^` stay characters; the phrase is a bound
 * parameter, so SQL never sees it either. The index folds nothing (case_sensitive 1): a row
 * matches when the query is a substring of its text, exactly what `LIKE '%…%'` finds in text that
 * is already lower-cased (its ASCII case folding then changes nothing).
 *
 * `probe` is for a query that walks rows in its own order and stops early (`ORDER BY … LIMIT`):
 * SQLite then reads the index's answer once and looks each row up in it, instead of starting from
 * that answer, reading every matching row and sorting them all (`+` keeps the id from driving the
 * lookup). A count leaves it out: it needs every match anyway and reads fewer pages from the index.
 *
 * Undefined where the caller's portable `LIKE` must answer: on PostgreSQL, whose pg_trgm index
 * serves that `LIKE` itself; under three characters, which hold no trigram; and with a NUL, which
 * FTS5's query parser refuses and at which SQLite's `LIKE` stops reading.
 */
export function trigramSearch(
  dialect: DialectName,
  table: keyof typeof TRIGRAM_INDEXES,
  folded: string,
  { probe = false } = {},
): RawBuilder<SqlBool> | undefined {
  if (dialect === "postgres" || [...folded].length < 3 || folded.includes("\0")) return undefined;
  const index = sql.table(TRIGRAM_INDEXES[table]);
  const phrase = `"${folded.replaceAll('"', '""')}"`;
  const id = probe ? sql`+${sql.ref(`${table}.id`)}` : sql.ref(`${table}.id`);
  return sql<SqlBool>`${id} in (select rowid from ${index} where ${index} match ${phrase})`;
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
