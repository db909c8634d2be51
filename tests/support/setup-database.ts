import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { TEMPLATE_DB, TMP_DIR } from "./paths";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "./postgres-test-db";

// Each test file gets its own copy of the migrated template database.
const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
const serverUrl = testPostgresUrl();
const template = process.env.TEST_DATABASE_TEMPLATE;
if (serverUrl && !template) throw new Error("TEST_DATABASE_URL is set but the global setup made no template database.");
const pgDatabase =
  serverUrl && template ? `${template.replace(/template$/, "")}${crypto.randomUUID().slice(0, 8)}` : "";
if (serverUrl && template) {
  await createDatabase(serverUrl, pgDatabase, template);
  process.env.DATABASE_URL = urlForDatabase(serverUrl, pgDatabase);
  // Tests that point DATABASE_PATH elsewhere still get a file of their own.
  process.env.DATABASE_PATH = file;
} else {
  fs.copyFileSync(TEMPLATE_DB, file);
  process.env.DATABASE_PATH = file;
  delete process.env.DATABASE_URL;
}
delete process.env.RESEND_API_KEY;
// Tests read what they just wrote: no few-second caches of public pages or counts.
process.env.PAGE_CACHE_TTL_MS = "0";
// What follows a send, registered as server/start.ts registers it for its worker.
const { registerOutboxHooks } = await import("../../server/outbox-hooks");
registerOutboxHooks();

afterAll(async () => {
  const { closeDatabase } = await import("../../db/connection");
  await closeDatabase();
  if (serverUrl && pgDatabase) await dropDatabase(serverUrl, pgDatabase);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

// An unexpected console.error is a bug: fail the test that caused it.
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  consoleError.mockRestore();
});
