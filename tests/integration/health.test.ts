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
    const previousUrl = process.env.DATABASE_URL;
    await closeDatabase();
    // A path inside a regular file cannot be opened, a database that does not exist cannot be
    // connected to: every query fails.
    process.env.DATABASE_PATH = `${previous}/not-a-directory/app.db`;
    if (previousUrl) {
      const url = new URL(previousUrl);
      url.pathname = "/no_such_database";
      process.env.DATABASE_URL = url.toString();
    }
    try {
      const response = await new Client(server.url).get("/healthz");
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: "unavailable", read: false });
    } finally {
      process.env.DATABASE_PATH = previous;
      if (previousUrl) process.env.DATABASE_URL = previousUrl;
      await closeDatabase();
      getDatabase();
    }
  });
});
