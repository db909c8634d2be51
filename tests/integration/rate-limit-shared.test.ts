/**
 * RATE_LIMIT_STORE=database: two app instances on one PostgreSQL database — this test process and
 * the real `npm start` entry point in a child process, each with its own memory — share one limit,
 * because the counters live in the `rate_limits` table. On SQLite (one instance) it is skipped.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { ROOT } from "../support/paths";
import { testPostgresUrl } from "../support/postgres-test-db";

const onPostgres = testPostgresUrl() !== undefined;
if (!onPostgres) {
  process.stdout.write(
    "rate-limit-shared: skipped on SQLite (one instance); run `npm run test:postgres -- tests/integration/rate-limit-shared.test.ts`\n",
  );
}

let first: TestServer;
let second: ChildProcess;
let secondUrl = "";

async function waitForHealthy(url: string, deadline = Date.now() + 60_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} never became healthy`);
}

beforeAll(async () => {
  if (!onPostgres) return;
  process.env.RATE_LIMIT_STORE = "database";
  first = await startTestServer({ RATE_LIMIT_STORE: "database" });
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  secondUrl = `http://127.0.0.1:${port}`;
  second = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: secondUrl,
      RATE_LIMIT_STORE: "database",
      TRUST_PROXY: "1",
      SKIP_BUILD: "1",
      NODE_ENV: "development",
    },
    stdio: "ignore",
  });
  await waitForHealthy(`${secondUrl}/healthz`);
}, 90_000);

afterAll(async () => {
  delete process.env.RATE_LIMIT_STORE;
  if (second && second.exitCode === null) {
    const exited = new Promise((resolve) => second.on("exit", resolve));
    second.kill("SIGTERM");
    await exited;
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
