import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDatabase } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("health check", () => {
  it("answers 200 after a real query", async () => {
    const response = await new Client(server.url).get("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 503 when the database cannot answer", async () => {
    const previous = process.env.DATABASE_PATH;
    await closeDatabase();
    // A path inside a regular file cannot be opened: every query fails.
    process.env.DATABASE_PATH = `${previous}/not-a-directory/app.db`;
    try {
      const response = await new Client(server.url).get("/healthz");
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable" });
    } finally {
      process.env.DATABASE_PATH = previous;
      getDatabase();
    }
  });
});
