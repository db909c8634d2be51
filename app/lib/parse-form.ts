/**
 * Conform's `parseWithZod`, behind a check of what it trusts in the form itself. Field names are
 * paths (`texts[0].title`): a huge index makes a sparse list that the reply then serialises
 * element by element (one small post stalls the server), a deep path overflows the stack, and a
 * control field (`__intent__`, `__state__`) that is not the JSON Conform wrote makes it throw.
 * Such forms never come from our pages: they are refused with a 400. Import this, not
 * `@conform-to/zod`'s own (the lint configuration says so).
 */
// eslint-disable-next-line no-restricted-imports
import { parseWithZod as conformParse } from "@conform-to/zod";

const MAX_NAME_LENGTH = 200;
const MAX_INDEX = 1_000;
const CONTROLS = new Set(["__intent__", "__state__"]);

function badRequest(): Response {
  return new Response("Bad Request", { status: 400, statusText: "Bad Request" });
}

const isIndex = (value: unknown) =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_INDEX);

/** An intent as Conform serialises it: a type, and a payload whose name and indexes are sane. */
function wellFormedControl(name: string, raw: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return false;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  // The only state Conform's client sends: which fields were validated.
  if (name === "__state__") {
    const { validated, ...rest } = value as { validated?: unknown };
    return (
      Object.keys(rest).length === 0 &&
      (validated === undefined ||
        (typeof validated === "object" &&
          validated !== null &&
          Object.values(validated).every((v) => typeof v === "boolean")))
    );
  }
  const { type, payload } = value as { type?: unknown; payload?: unknown };
  if (typeof type !== "string" || typeof payload !== "object" || payload === null) return false;
  const { name: field, index, from, to } = payload as Record<string, unknown>;
  return (
    (field === undefined || (typeof field === "string" && field.length <= MAX_NAME_LENGTH && saneName(field))) &&
    [index, from, to].every(isIndex)
  );
}

function saneName(name: string): boolean {
  if (name.length > MAX_NAME_LENGTH) return false;
  for (const match of name.matchAll(/\[(\d+)\]/g)) if (Number(match[1]) > MAX_INDEX) return false;
  return true;
}

export const parseWithZod = ((payload: FormData | URLSearchParams, options: Parameters<typeof conformParse>[1]) => {
  let controls = false;
  for (const [name, value] of payload.entries()) {
    if (!saneName(name)) throw badRequest();
    if (CONTROLS.has(name)) {
      controls = true;
      if (typeof value !== "string" || !wellFormedControl(name, value)) throw badRequest();
    }
  }
  try {
    return conformParse(payload, options);
  } catch (error) {
    // A well-formed intent can still name something that is not a list ("remove" on a text field).
    if (controls) throw badRequest();
    throw error;
  }
}) as typeof conformParse;
