/**
 * What every OSDI route does around its feature call: refusals thrown by the guards come back as
 * HAL answers, and a collection's query string is read strictly (400 naming what is wrong).
 */
import { halJson, halNotFound, invalidParameters } from "~/features/osdi/hal.server";
import { parseCollectionQuery, type CollectionQuery } from "~/features/osdi/query";
import { parseId } from "~/lib/ids";

/** Runs a route's work; a thrown Response (401, 403, 404, 429) is the answer. */
export async function osdiAnswer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** The collection query of a request, or throws the 400. */
export function requireCollectionQuery(request: Request): { query: CollectionQuery; filter?: string } {
  const params = new URL(request.url).searchParams;
  const parsed = parseCollectionQuery(params);
  if (!parsed.ok) throw invalidParameters(parsed.errors);
  return { query: parsed.query, filter: params.get("filter") ?? undefined };
}

/** A numeric id from the path, or throws the 404. */
export function requireOsdiId(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw halNotFound();
  return id;
}

/** A single resource, or 404 when there is none. */
export function resource(body: unknown, personal = false): Response {
  return body ? halJson(body, { personal }) : halNotFound();
}

/** A single-resource route with no query parameters: anything given is a 400. */
export function refuseParameters(request: Request): void {
  const keys = [...new URL(request.url).searchParams.keys()];
  if (keys.length) throw invalidParameters(Object.fromEntries(keys.map((k) => [k.slice(0, 100), "unknown parameter"])));
}
