/**
 * One app instance's outbox worker, as its own process, for the several-instances test: drains
 * passes until the outbox has nothing pending or sending left, then prints one JSON line
 * `{"sent": n, "batches": n}` and exits. Reads DATABASE_URL / DATABASE_PATH, RESEND_API_KEY,
 * RESEND_BASE_URL and RESEND_REQUESTS_PER_SECOND like the app; OUTBOX_BATCH_SIZE sets mails per
 * request (default 100).
 */
import { drainOutboxOnce } from "../../app/features/email/worker.server";
import { closeDatabase, db } from "../../db/connection";
import { registerOutboxHooks } from "../../server/outbox-hooks";

registerOutboxHooks();

const batchSize = Number(process.env.OUTBOX_BATCH_SIZE ?? 100);
let sent = 0;
let passes = 0;
try {
  for (;;) {
    passes++;
    const result = await drainOutboxOnce({ batchSize, maxBatches: 10 });
    if (result.skipped) throw new Error("RESEND_API_KEY is not set");
    sent += result.sent;
    if (result.sent > 0 || result.retried > 0) continue;
    const left = await db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write(`${JSON.stringify({ sent, passes })}\n`);
} finally {
  await closeDatabase();
}
