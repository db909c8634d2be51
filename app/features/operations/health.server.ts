import { sql } from "kysely";
import { db } from "../../../db/connection";

/** A real round trip to the database. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const result = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    return Number(result.rows[0]?.ok) === 1;
  } catch {
    return false;
  }
}
