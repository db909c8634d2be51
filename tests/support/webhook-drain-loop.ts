/**
 * One app instance's webhook worker, as its own process, for the several-instances test: drains
 * passes until no delivery is pending or sending, then prints `{"delivered": n, "passes": n}` and
 * exits. Reads DATABASE_URL / DATABASE_PATH and WEBHOOK_ALLOW_PRIVATE like the app.
 */
import { drainWebhooksOnce } from "../../app/features/webhooks/delivery.server";
import { closeDatabase, db } from "../../db/connection";

let delivered = 0;
let passes = 0;
try {
  for (;;) {
    passes++;
    const result = await drainWebhooksOnce({ batchSize: 10, maxBatches: 5 });
    delivered += result.delivered;
    if (result.delivered > 0 || result.retried > 0) continue;
    const left = await db
      .selectFrom("webhook_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "in", ["pending", "sending"])
      .executeTakeFirstOrThrow();
    if (Number(left.n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write(`${JSON.stringify({ delivered, passes })}\n`);
} finally {
  await closeDatabase();
}
