import fs from "node:fs";
import { TEMPLATE_DB, TEST_PASSWORD, TMP_DIR } from "./paths";
import { createDatabase, dropDatabasesStartingWith, testPostgresUrl, urlForDatabase } from "./postgres-test-db";

/**
 * Builds the app when its sources changed (route tests run the production build) and one
 * migrated, seeded template database; every test file works on its own copy. With
 * TEST_DATABASE_URL=postgres://... the template is a PostgreSQL database on that server.
 */
export default async function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const { buildIfNeeded } = await import("../../server/build-if-needed");
  buildIfNeeded((msg) => process.stdout.write(`${msg}\n`));
  const { openDatabase } = await import("../../db/connection");
  const { migrateToLatest } = await import("../../db/migrate");
  const { seedReferenceData } = await import("../../db/seeds/reference");
  const { seedDemo } = await import("../../demo/demo");
  const serverUrl = testPostgresUrl();
  let env: Record<string, string> = { DATABASE_PATH: TEMPLATE_DB };
  let cleanup = async () => {};
  if (serverUrl) {
    // One prefix per run, so that runs from several checkouts can share a server.
    const prefix = `hub_test_${process.pid}_`;
    const template = `${prefix}template`;
    await dropDatabasesStartingWith(serverUrl, prefix);
    await createDatabase(serverUrl, template);
    process.env.TEST_DATABASE_TEMPLATE = template;
    env = { DATABASE_URL: urlForDatabase(serverUrl, template) };
    cleanup = () => dropDatabasesStartingWith(serverUrl, prefix);
  }
  const handle = openDatabase(env);
  await migrateToLatest(handle);
  await seedReferenceData(handle.db);
  await seedDemo(handle.db, TEST_PASSWORD);
  await handle.db.destroy();
  return cleanup;
}
