/**
 * Several app instances behind one PostgreSQL database: two webhook workers, each its own process
 * with its own connection pool, drain the same queued deliveries at once into one local receiver.
 * Each message must arrive exactly once. On SQLite (one writer, one instance) the in-process test
 * in webhooks-delivery.test.ts covers the claim; this one runs with `npm run test:postgres`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueThreatChanged } from "../../app/features/webhooks/events.server";
import { db } from "../../db/connection";
import { ROOT } from "../support/paths";
import { testPostgresUrl } from "../support/postgres-test-db";
import { keyWithEndpoint } from "../support/webhook-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

const EVENTS = 300;
const onPostgres = testPostgresUrl() !== undefined;
if (!onPostgres) {
  process.stdout.write(
    "webhooks-two-instances: skipped on SQLite (one writer, one instance); run `npm run test:postgres -- tests/integration/webhooks-two-instances.test.ts`\n",
  );
}

let receiver: WebhookReceiver;
beforeAll(async () => {
  if (onPostgres) receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

function runWorker(): Promise<{ delivered: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/webhook-drain-loop.ts")], {
    cwd: ROOT,
    env: { ...process.env, WEBHOOK_ALLOW_PRIVATE: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`webhook worker exited with ${code}: ${err}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { delivered: number });
    });
  });
}

describe.skipIf(!onPostgres)("two app instances on one PostgreSQL database", () => {
  it(`deliver ${EVENTS} queued webhooks concurrently, each exactly once`, { timeout: 120_000 }, async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/two`, events: ["threat.changed"] });
    const threat = await db.selectFrom("threats").select("id").orderBy("id").executeTakeFirstOrThrow();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < EVENTS; i++) await enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString());
    });

    const [a, b] = await Promise.all([runWorker(), runWorker()]);
    expect(a.delivered + b.delivered).toBe(EVENTS);
    expect(a.delivered).toBeGreaterThan(0);
    expect(b.delivered).toBeGreaterThan(0);
    const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
    const statuses = await db
      .selectFrom("webhook_outbox")
      .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
      .where("endpoint_id", "=", endpointId)
      .groupBy("status")
      .execute();
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([["delivered", EVENTS]]);
  });
});
