import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Demo actions (filled in with the feature). Idempotent: safe to run on a seeded database. */
export async function seedDemoActions(db: Kysely<Database>): Promise<void> {
  void db;
}
