/**
 * The one adapter module that knows which SQL dialect is in use. Feature code and migrations ask
 * it for the few things that differ between SQLite and PostgreSQL instead of writing either's SQL.
 */
import {
  OperationNodeTransformer,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
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
