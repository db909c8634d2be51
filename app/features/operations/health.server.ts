import { sql } from "kysely";
import { db } from "~db/connection";
import { logger } from "~/features/security/log.server";

export interface Health {
  read: boolean;
  write: boolean;
}

/**
 * A real round trip to the database, then a committed write of one row: a database that answers
 * reads but cannot take writes (full disk, read-only file) cannot take a signature either.
 */
export async function checkDatabase(now = new Date()): Promise<Health> {
  try {
    const result = await sql<{ ok: number }>`select 1 as ok`.execute(db);
    if (Number(result.rows[0]?.ok) !== 1) return { read: false, write: false };
  } catch (error) {
    logger.warn({ msg: "health check: database unreadable", error: describe(error) });
    return { read: false, write: false };
  }
  try {
    const checkedAt = now.toISOString();
    await db
      .insertInto("health_checks")
      .values({ id: 1, checked_at: checkedAt })
      .onConflict((oc) => oc.column("id").doUpdateSet({ checked_at: checkedAt }))
      .execute();
    return { read: true, write: true };
  } catch (error) {
    logger.error({ msg: "health check: database cannot be written", error: describe(error) });
    return { read: true, write: false };
  }
}

function describe(error: unknown) {
  return error instanceof Error
    ? { message: error.message, code: (error as { code?: unknown }).code }
    : { message: String(error) };
}
