import type { Kysely } from "kysely";
import type { Database } from "../schema";

/** Demo targets (filled in with the feature). Idempotent: safe to run on a seeded database. */
export async function seedDemoTargets(db: Kysely<Database>): Promise<void> {
  void db;
}
