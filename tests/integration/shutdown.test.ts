import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TMP_DIR } from "../support/paths";
import { freePort, spawnAppServer, waitForHealthy } from "../support/spawned-server";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "../support/postgres-test-db";

// On PostgreSQL the server gets an empty database of its own, as it gets an empty file on SQLite.
const serverUrl = testPostgresUrl();
const emptyDatabase = `${new URL(process.env.DATABASE_URL ?? "postgres://x/hub").pathname.slice(1)}_start`;
beforeAll(async () => {
  if (serverUrl) await createDatabase(serverUrl, emptyDatabase);
});
afterAll(async () => {
  if (serverUrl) await dropDatabase(serverUrl, emptyDatabase);
});

function startServer(port: number) {
  return spawnAppServer(port, {
    DATABASE_PATH: path.join(TMP_DIR, `shutdown-${port}.db`),
    ...(serverUrl ? { DATABASE_URL: urlForDatabase(serverUrl, emptyDatabase) } : {}),
    LOG_LEVEL: "info",
  });
}

describe("npm start", () => {
  it("migrates, seeds an empty database, logs JSON lines, and exits cleanly on SIGTERM", async () => {
    const port = await freePort();
    const server = startServer(port);
    try {
      await waitForHealthy(server);
      const login = await fetch(`http://127.0.0.1:${port}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: "admin@example.org", password: "demo-password-change-me" }),
      });
      expect(login.status).toBe(302);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      const lines = server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { msg: string; path?: string; status?: number; ms?: number });
      expect(lines.some((l) => l.msg.startsWith("seeded demo data"))).toBe(true);
      expect(lines.some((l) => l.msg === `listening on http://localhost:${port}`)).toBe(true);
      const request = lines.find((l) => l.msg === "request" && l.path === "/login");
      expect(request).toMatchObject({ status: 302 });
      expect(typeof request?.ms).toBe("number");
      expect(server.output()).not.toContain("demo-password-change-me");
      expect(lines.some((l) => l.msg === "shutting down")).toBe(true);
    } finally {
      server.child.kill("SIGKILL");
    }
  }, 150_000);
});
