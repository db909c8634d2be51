/**
 * The reference page's reading of the OpenAPI document: each operation with its parameters, an
 * example address and its answers' fields (schemas flattened to `data[].id`-style names). Pure: it
 * reads the generated document, so the page and `openapi.json` cannot say different things.
 */

/** The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the generated document holds. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
}

interface ParameterObject {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OperationObject {
  tags?: string[];
  operationId?: string;
  summary?: string;
  description?: string;
  "x-example"?: string;
  parameters?: ParameterObject[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

/** What the page needs of a document; the generated one is assignable to it. */
export interface ReferenceDocument {
  info: { title: string; version: string; description?: string };
  servers?: Array<{ url: string }>;
  tags?: Array<{ name: string; description?: string }>;
  paths?: Record<string, object | undefined>;
  components?: { schemas?: Record<string, unknown> };
}

export interface TypeInfo {
  /** e.g. `string`, `integer | null`, `array`, `[number, number]`, `"not_found"`. */
  type: string;
  format: string | null;
  values: string[];
  min: number | null;
  max: number | null;
  maxLength: number | null;
  pattern: string | null;
}

export interface FieldRow extends TypeInfo {
  name: string;
  description: string | null;
}

export interface ParameterRow extends TypeInfo {
  name: string;
  in: string;
  required: boolean;
  description: string | null;
}

export interface ResponseView {
  status: string;
  description: string;
  contentType: string;
  /** The shared error answers are described once, in their own section. */
  component: string | null;
  fields: FieldRow[];
}

export interface OperationView {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  exampleUrl: string;
  parameters: ParameterRow[];
  responses: ResponseView[];
}

export interface ReferenceView {
  title: string;
  version: string;
  description: string;
  server: string;
  tags: Array<{ name: string; description: string; operations: OperationView[] }>;
  errors: Array<{ name: string; description: string; fields: FieldRow[] }>;
}

const ERROR_COMPONENTS = ["InvalidParameters", "NotFound"];
const METHODS = ["get", "post", "put", "patch", "delete"];

function resolve(schema: JsonSchema, document: ReferenceDocument): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 10; depth++) {
    const name = current.$ref.replace("#/components/schemas/", "");
    const target = document.components?.schemas?.[name] as JsonSchema | undefined;
    if (!target) break;
    // A reference's own description (3.1 allows siblings of $ref) wins over the target's.
    current = { ...target, description: current.description ?? target.description };
  }
  return current;
}

function literal(value: unknown): string {
  return typeof value === "string" ? `"${value}"` : String(value);
}

function typeInfo(schema: JsonSchema, document: ReferenceDocument): TypeInfo {
  const s = resolve(schema, document);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  let main = types.filter((t) => t !== "null").join(" | ") || "any";
  if (s.const !== undefined) main = literal(s.const);
  else if (s.enum?.length === 1) main = literal(s.enum[0]);
  else if (s.prefixItems) main = `[${s.prefixItems.map((item) => typeInfo(item, document).type).join(", ")}]`;
  else if (s.anyOf ?? s.oneOf) main = (s.anyOf ?? s.oneOf ?? []).map((o) => typeInfo(o, document).type).join(" | ");
  let values = (s.enum ?? []).filter((v) => v !== null).map(String);
  if (main === "array" && s.items) {
    // An array of plain values reads as `string[]`, its values those of its items.
    const items = typeInfo(s.items, document);
    main = `${items.type.includes("|") ? `(${items.type})` : items.type}[]`;
    values = items.values;
  }
  return {
    type: types.includes("null") ? `${main} | null` : main,
    format: s.format ?? null,
    values: values.length > 1 ? values : [],
    min: s.minimum ?? null,
    max: s.maximum ?? null,
    maxLength: s.maxLength ?? null,
    pattern: s.pattern ?? null,
  };
}

/** Every field of a schema, depth first: `meta.page`, `data[].id`, `by_jurisdiction.*`. */
export function fieldsOf(schema: JsonSchema, document: ReferenceDocument, prefix = "", depth = 0): FieldRow[] {
  const s = resolve(schema, document);
  if (depth > 8) return [];
  const rows: FieldRow[] = [];
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const resolved = resolve(child, document);
    const path = `${prefix}${name}`;
    rows.push({ name: path, description: resolved.description ?? null, ...typeInfo(child, document) });
    rows.push(...nested(resolved, document, path, depth));
  }
  return rows;
}

function nested(schema: JsonSchema, document: ReferenceDocument, path: string, depth: number): FieldRow[] {
  if (schema.properties) return fieldsOf(schema, document, `${path}.`, depth + 1);
  if (schema.items) {
    const items = resolve(schema.items, document);
    return items.properties ? fieldsOf(items, document, `${path}[].`, depth + 1) : [];
  }
  if (typeof schema.additionalProperties === "object") {
    const value = resolve(schema.additionalProperties, document);
    const key = `${path}.*`;
    return [
      { name: key, description: value.description ?? null, ...typeInfo(value, document) },
      ...nested(value, document, key, depth + 1),
    ];
  }
  return [];
}

function exampleUrl(server: string, template: string, parameters: ParameterObject[]): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const example = parameters.find((p) => p.in === "path" && p.name === name)?.schema?.example;
    return example === undefined ? whole : encodeURIComponent(String(example));
  });
  return server + filled;
}

export function referenceView(document: ReferenceDocument): ReferenceView {
  const server = document.servers?.[0]?.url ?? "";
  const operations: Array<OperationView & { tag: string }> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown> | undefined)?.[method] as OperationObject | undefined;
      if (!op) continue;
      const parameters = op.parameters ?? [];
      operations.push({
        tag: op.tags?.[0] ?? "",
        id: op.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        description: op.description ?? "",
        exampleUrl: exampleUrl(server, op["x-example"] ?? path, parameters),
        parameters: parameters.map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required ?? false,
          description: p.description ?? p.schema?.description ?? null,
          ...typeInfo(p.schema ?? {}, document),
        })),
        responses: Object.entries(op.responses ?? {}).map(([status, response]) => {
          const [contentType, media] = Object.entries(response.content ?? {})[0] ?? ["", {}];
          const ref = media.schema?.$ref?.replace("#/components/schemas/", "") ?? null;
          const component = ref && ERROR_COMPONENTS.includes(ref) ? ref : null;
          return {
            status,
            description: response.description ?? "",
            contentType,
            component,
            fields: media.schema && !component ? fieldsOf(media.schema, document) : [],
          };
        }),
      });
    }
  }
  return {
    title: document.info.title,
    version: document.info.version,
    description: document.info.description ?? "",
    server,
    tags: (document.tags ?? []).map((tag) => ({
      name: tag.name,
      description: tag.description ?? "",
      operations: operations.filter((op) => op.tag === tag.name).map(({ tag: _tag, ...op }) => op),
    })),
    errors: ERROR_COMPONENTS.map((name) => {
      const schema = (document.components?.schemas?.[name] ?? {}) as JsonSchema;
      return { name, description: schema.description ?? "", fields: fieldsOf(schema, document) };
    }),
  };
}
