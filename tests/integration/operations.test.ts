/** What an operator reads when the database or the disk fails, and what the request log holds. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db, getDatabase, openDatabase } from "../../db/connection";
import { logger } from "../../app/features/security/log.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("a database that cannot be written", () => {
  it("reports a full disk as SQLITE_FULL, not as a failed rollback", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-full-"));
    const handle = openDatabase({ DATABASE_PATH: path.join(dir, "full.db") });
    try {
      await sql`create table filler (x text)`.execute(handle.db);
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(handle.db);
      // The file may not grow by more than one page: as a full disk, SQLite answers SQLITE_FULL.
      await sql.raw(`pragma max_page_count = ${Number(pages.rows[0].page_count) + 1}`).execute(handle.db);
      const write = handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 50; i++) await sql`insert into filler values (${"x".repeat(50_000)})`.execute(trx);
      });
      await expect(write).rejects.toMatchObject({ code: "SQLITE_FULL" });
      // The connection is usable afterwards.
      expect((await sql<{ n: number }>`select count(*) as n from filler`.execute(handle.db)).rows[0].n).toBe(0);
    } finally {
      await handle.db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes /healthz answer 503 when reads work but writes fail", async () => {
    const client = new Client(server.url);
    expect((await client.get("/healthz")).status).toBe(200);
    const sqlite = getDatabase().dialect === "sqlite";
    if (sqlite) await sql`pragma query_only = on`.execute(db);
    else await sql`alter table health_checks rename to health_checks_away`.execute(db);
    try {
      const response = await client.get("/healthz");
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", read: true, write: false });
    } finally {
      if (sqlite) await sql`pragma query_only = off`.execute(db);
      else await sql`alter table health_checks_away rename to health_checks`.execute(db);
    }
    expect((await client.get("/healthz")).status).toBe(200);
  });
});

describe("the request log", () => {
  it("carries the signed-in user's id and a hash of the client address, never the e-mail or the address", async () => {
    const staff = new Client(server.url, "198.51.100.77");
    await staff.login(DEMO.staff);
    const user = await db.selectFrom("users").select("id").where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
    const info = vi.spyOn(logger, "info");
    try {
      await (await staff.get("/account")).text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const lines = info.mock.calls
        .map(([entry]) => entry as unknown as Record<string, unknown>)
        .filter((entry) => entry.msg === "request" && entry.path === "/account");
      expect(lines).toHaveLength(1);
      expect(lines[0].user).toBe(user.id);
      expect(lines[0].client).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(JSON.stringify(lines[0])).not.toContain("198.51.100.77");
      expect(JSON.stringify(lines[0])).not.toContain(DEMO.staff);
    } finally {
      info.mockRestore();
    }
  });
});

describe("caching of personal pages", () => {
  it("sends Cache-Control: no-store on every signed-in answer and on pages opened from a mailed link", async () => {
    const staff = new Client(server.url, "198.51.100.78");
    await staff.login(DEMO.staff);
    for (const page of ["/threats", "/account", "/staff"]) {
      expect((await staff.get(page)).headers.get("cache-control"), page).toBe("no-store");
    }
    const anonymous = new Client(server.url);
    expect((await anonymous.get("/threats")).headers.get("cache-control")).not.toBe("no-store");
    for (const page of ["/letters/confirm?token=abc", "/reset-password?token=abc", "/invitations/accept?token=abc"]) {
      expect((await anonymous.get(page)).headers.get("cache-control"), page).toBe("no-store");
    }
  });
});
