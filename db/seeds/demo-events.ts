import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Demo events (filled in with the feature). Idempotent: safe to run on a seeded database. */
export async function seedDemoEvents(db: Kysely<Database>): Promise<void> {
  void db;
}
