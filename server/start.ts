/**
 * `npm start`: build if needed, migrate, seed the demo into an empty database (never in
 * production), start the outbox worker and serve. Shuts down gracefully on SIGTERM / SIGINT.
 */
import "./runtime-mode";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { loadConfig, productionProblems } from "../app/config.server";
import { startLetterScrub } from "../app/features/campaigns/scrub.server";
import { startOutboxWorker } from "../app/features/email/worker.server";
import { startWebhookWorker } from "../app/features/webhooks/delivery.server";
import { logger } from "../app/features/security/log.server";
import { settleBackgroundTasks } from "../app/lib/background.server";
import { startSnapshotJob } from "../app/features/targets/snapshots.server";
import { startStaffDigestJob } from "../app/features/staff-inbox/digest.server";
import { closeDatabase, getDatabase } from "../db/connection";
import { migrateToLatest } from "../db/migrate";
import { isDatabaseEmpty, seedDemo } from "../demo/demo";
import { seedReferenceData } from "../db/seeds/reference";
import { createApp } from "./app";
import { registerOutboxHooks } from "./outbox-hooks";
import { buildIfNeeded, SERVER_BUILD } from "./build-if-needed";

const config = loadConfig();
const problems = productionProblems(config);
if (problems.length) {
  for (const problem of problems) logger.fatal({ msg: "refusing to start", problem });
  process.exit(1);
}

if (process.env.SKIP_BUILD !== "1") buildIfNeeded((msg) => logger.info({ msg }));

const handle = getDatabase();
const applied = await migrateToLatest(handle);
if (applied.length) logger.info({ msg: "migrated", migrations: applied });
await seedReferenceData(handle.db);
if (!config.production && (await isDatabaseEmpty(handle.db))) {
  await seedDemo(handle.db, config.demoPassword);
  logger.info({ msg: "seeded demo data; demo accounts use DEMO_PASSWORD (see README)" });
}

const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
const app = createApp({ config, build });
registerOutboxHooks();
const worker = startOutboxWorker({ intervalMs: config.outboxIntervalMs });
const webhooks = startWebhookWorker({ intervalMs: config.outboxIntervalMs });
const scrub = startLetterScrub();
const snapshots = startSnapshotJob();
const digests = startStaffDigestJob();
const server = app.listen(config.port, () => {
  logger.info({
    msg: `listening on ${config.appUrl}`,
    port: config.port,
    database: handle.location,
    mail: config.resendApiKey ? "resend" : "dev mailbox (/staff/mail)",
  });
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ msg: "shutting down", signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  // Stop accepting connections and let in-flight requests finish, then drain the outbox tick.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  snapshots.stop();
  digests.stop();
  // Mail a request queued after answering (a reset link) is written before the database closes.
  await settleBackgroundTasks();
  await Promise.all([worker.stop(), webhooks.stop(), scrub.stop()]);
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
