import fs from "node:fs";
import { TEMPLATE_DB, TEST_PASSWORD, TMP_DIR } from "./paths";

/**
 * Builds the app when its sources changed (route tests run the production build) and one
 * migrated, seeded template database; every test file works on its own copy.
 */
export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const { buildIfNeeded } = await import("../../server/build-if-needed");
  buildIfNeeded((msg) => process.stdout.write(`${msg}\n`));
  const { openDatabase } = await import("../../db/connection");
  const { migrateToLatest } = await import("../../db/migrate");
  const { seedReferenceData } = await import("../../db/seeds/reference");
  const { seedDemo } = await import("../../db/seeds/demo");
  const handle = openDatabase({ DATABASE_PATH: TEMPLATE_DB });
  await migrateToLatest(handle);
  await seedReferenceData(handle.db);
  await seedDemo(handle.db, TEST_PASSWORD);
  await handle.db.destroy();
}
