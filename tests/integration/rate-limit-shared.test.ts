/**
 * RATE_LIMIT_STORE=database: two app instances on one PostgreSQL database — this test process and
 * the real `npm start` entry point in a child process, each with its own memory — share one limit,
 * because the counters live in the `rate_limits` table. On SQLite (one instance) it is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { testPostgresUrl } from "../support/postgres-test-db";
import { freePort, spawnAppServer, waitForHealthy, type SpawnedServer } from "../support/spawned-server";

const onPostgres = testPostgresUrl() !== undefined;
if (!onPostgres) {
  process.stdout.write(
    "rate-limit-shared: skipped on SQLite (one instance); run `npm run test:postgres -- tests/integration/rate-limit-shared.test.ts`\n",
  );
}

let first: TestServer;
let second: SpawnedServer;
let secondUrl = "";

beforeAll(async () => {
  if (!onPostgres) return;
  process.env.RATE_LIMIT_STORE = "database";
  first = await startTestServer({ RATE_LIMIT_STORE: "database" });
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawnAppServer(port, { APP_URL: secondUrl, RATE_LIMIT_STORE: "database", TRUST_PROXY: "1" });
  await waitForHealthy(second);
}, 150_000);

afterAll(async () => {
  delete process.env.RATE_LIMIT_STORE;
  if (second && second.child.exitCode === null) {
    second.child.kill("SIGTERM");
    await second.exited;
  }
  await first?.close();
});

describe.skipIf(!onPostgres)("rate limits shared by two app instances", () => {
  it("counts failed sign-ins on either instance against one per-account limit", async () => {
    const email = DEMO.coalition_member;
    const statuses: number[] = [];
    let last: Response | undefined;
    // loginPerAccount allows 10 attempts; alternate instances so that neither sees more than 6.
    for (let i = 0; i < 11; i++) {
      const url = i % 2 === 0 ? first.url : secondUrl;
      last = await new Client(url, `198.51.100.${i + 1}`).post("/login", { email, password: "wrong password" });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
    expect(last?.status).toBe(429);
    expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await last?.text()).toContain("Too many attempts");

    // The counter is a row of the shared table, under a hashed key: no address in the clear.
    const rows = await db.selectFrom("rate_limits").selectAll().where("key", "like", "loginPerAccount:%").execute();
    expect(rows.length).toBe(1);
    expect(Number(rows[0].points)).toBeGreaterThanOrEqual(11);
    expect(rows[0].key).not.toContain(email);
    expect(Number(rows[0].expire)).toBeGreaterThan(Date.now());
  });
});
