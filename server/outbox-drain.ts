/** `npm run outbox:drain`: one pass of the outbox worker, then exit. */
import { drainOutboxOnce } from "../app/features/email/worker.server";
import { closeDatabase, getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { registerOutboxHooks } from "./outbox-hooks";

await migrateToLatest(getDatabase());
try {
  registerOutboxHooks();
  const result = await drainOutboxOnce();
  process.stdout.write(
    result.skipped
      ? "RESEND_API_KEY is not set: nothing sent; mail stays in the dev mailbox (/staff/mail).\n"
      : `sent ${result.sent}, to retry ${result.retried}, failed ${result.failed}\n`,
  );
} finally {
  await closeDatabase();
}
