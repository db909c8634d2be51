import { z } from "zod";

/**
 * The largest id a row can have: ids are 32-bit integers on PostgreSQL, where a larger number in a
 * query is an error rather than "no such row". Every id read from a URL or a form is checked
 * against it, so a huge id is a 404 or a 400 on both databases.
 */
export const MAX_ID = 2_147_483_647;

/** An id typed by a client: digits only, 1..MAX_ID; null otherwise. */
export function parseId(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= MAX_ID ? id : null;
}

/** The same rule for a form schema field. */
export const idField = () => z.coerce.number().int().positive().max(MAX_ID);
