/**
 * The threats' trigram index (migration 0023) stays in step with every write of search_text: the
 * staff's form, direct updates and deletes, the demo seed, the benchmarks' bulk seeding, and rows
 * that were there before the migration. On PostgreSQL: the pg_trgm index exists and serves LIKE.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Migrator, sql, type Kysely, type MigrationProvider } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, getDatabase, openDatabase, type DatabaseHandle } from "../../db/connection";
import { idIn } from "../../db/dialect";
import { migrations } from "../../db/migrations";
import type { Database } from "../../db/schema";
import { seedReferenceData } from "../../db/seeds/reference";
import { listThreats } from "../../app/features/threats/queries.server";
import { searchable } from "../../app/lib/search";
import { seedBulkThreats } from "../../bench/threats-seed";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { TMP_DIR } from "../support/paths";
import { createDatabase, dropDatabase, testPostgresUrl, urlForDatabase } from "../support/postgres-test-db";

const onSqlite = () => getDatabase().dialect === "sqlite";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.3.9.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

interface ListBody {
  data: Array<{ slug: string }>;
  meta: { total: number };
}

async function apiSlugs(q: string): Promise<string[]> {
  const response = await new Client(server.url, "10.3.9.2").get(
    `/api/v1/threats?per_page=100&q=${encodeURIComponent(q)}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as ListBody).data.map((item) => item.slug);
}

/** FTS5's own check: every row of `threats` indexed with its current text, nothing else (SQLite). */
async function expectIndexInStep(on: Kysely<Database> = db) {
  await sql`insert into threats_fts (threats_fts, rank) values ('integrity-check', 1)`.execute(on);
}

const form = (overrides: Record<string, string>) => ({
  jurisdiction: "DE",
  kind: "bill",
  identifier: "BT 20/4242",
  title: "Wombat Messaging Oversight Bill",
  shortName: "Wombat Bill",
  summary: "Would oblige providers to scan every message.",
  categories: "encryption",
  severity: "high",
  firstSeenOn: "2026-02-01",
  sources: "https://example.org/bt/4242",
  ...overrides,
});

describe("the trigram index follows every write", () => {
  it("finds an edited threat by its new words and no longer by the old ones", async () => {
    const created = await staff.post("/threats/new", form({}));
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.replace("/threats/", "");
    expect(await apiSlugs("wombat messaging")).toEqual([slug]);
    expect(await apiSlugs("BT 20/4242")).toEqual([slug]);

    const edited = await staff.post(
      `/threats/${slug}/edit`,
      form({ title: "Numbat Réseaux Surveillance Bill", shortName: "", summary: "Lawful access to backups." }),
    );
    expect(edited.status).toBe(302);
    expect(await apiSlugs("numbat reseaux")).toEqual([slug]);
    expect(await apiSlugs("NUMBAT RÉSEAUX")).toEqual([slug]);
    expect(await apiSlugs("access to backups")).toEqual([slug]);
    expect(await apiSlugs("wombat")).toEqual([]);
    expect(await apiSlugs("scan every message")).toEqual([]);
    const page = await (await staff.get(`/threats?q=${encodeURIComponent("numbat réseaux")}`)).text();
    expect(page).toContain("Numbat Réseaux Surveillance Bill");
    if (onSqlite()) await expectIndexInStep();
  });

  it("follows direct updates and deletes, and ignores updates that leave the text alone", async () => {
    const now = new Date().toISOString();
    const { id } = await db
      .insertInto("threats")
      .values({
        slug: "xx-platypus-rules-2026",
        jurisdiction_code: "AU",
        kind: "regulation",
        identifier: null,
        title: "Platypus Rules",
        short_name: null,
        summary: "",
        severity: "low",
        first_seen_on: "2026-01-01",
        outcome: "open",
        search_text: searchable("Platypus Rules"),
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids = async (q: string) => (await listThreats({ q, per_page: 100 })).rows.map((r) => r.id);
    expect(await ids("platypus")).toEqual([id]);
    await db.updateTable("threats").set({ stage: "drafted", updated_at: now }).where("id", "=", id).execute();
    expect(await ids("platypus")).toEqual([id]);
    await db
      .updateTable("threats")
      .set({ search_text: searchable("Echidna Rules") })
      .where("id", "=", id)
      .execute();
    expect(await ids("echidna")).toEqual([id]);
    expect(await ids("platypus")).toEqual([]);
    await db.deleteFrom("threats").where("id", "=", id).execute();
    expect(await ids("echidna")).toEqual([]);
    if (onSqlite()) await expectIndexInStep();
  });

  it("indexes the demo seed and the benchmarks' bulk seeding", async () => {
    expect((await listThreats({ q: "earn it", per_page: 100 })).rows.map((r) => r.slug)).toContain(
      "us-earn-it-act-2022",
    );
    const before = (await listThreats({ q: "lawful access to encrypted data" })).total;
    await seedBulkThreats(db, { threats: 40, actions: 60 }, 7);
    const after = await listThreats({ q: "lawful access to encrypted data" });
    const like = await db
      .selectFrom("threats")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("search_text", "like", "%lawful access to encrypted data%")
      .executeTakeFirstOrThrow();
    expect(after.total).toBe(Number(like.n));
    expect(after.total).toBeGreaterThan(before);
    if (onSqlite()) await expectIndexInStep();
  });

  it("picks rows by a list of ids bound as one parameter, on either database", async () => {
    const some = await db.selectFrom("threats").select("id").orderBy("id").limit(3).execute();
    const count = async (ids: number[], probe: boolean) =>
      Number(
        (
          await db
            .selectFrom("threats")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where(idIn(getDatabase().dialect, "threats.id", ids, { probe }))
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (const probe of [false, true]) {
      expect(await count([...some.map((r) => r.id), 999_999_999], probe)).toBe(3);
      expect(await count([], probe)).toBe(0);
    }
  });

  it("answers FTS5 and SQL syntax in a search as text, never with an error", async () => {
    for (const q of ['"', '""', "*", "a*", "NEAR(a b)", "x AND y", "-abc", "col:abc", "^abc", "abc)", "' or 1=1 --"]) {
      const api = await new Client(server.url, "10.3.9.3").get(`/api/v1/threats?q=${encodeURIComponent(q)}`);
      expect(api.status, q).toBe(200);
      const page = await new Client(server.url, "10.3.9.3").get(`/threats?q=${encodeURIComponent(q)}`);
      expect(page.status, q).toBe(200);
    }
  });
});

describe("migration 0023 on a database that already has threats", () => {
  const serverUrl = testPostgresUrl();
  const file = path.join(TMP_DIR, `search-migration-${process.pid}-${crypto.randomUUID()}.db`);
  const pgDatabase = `${(process.env.TEST_DATABASE_TEMPLATE ?? "hub_test_").replace(/template$/, "")}s${crypto.randomUUID().slice(0, 8)}`;
  let handle: DatabaseHandle;

  const migrator = (target: DatabaseHandle) => {
    const provider: MigrationProvider = {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]) => [
            name,
            { up: (on: Kysely<unknown>) => m.up(on, target.dialect) },
          ]),
        ),
    };
    return new Migrator({ db: target.db, provider });
  };

  beforeAll(async () => {
    if (serverUrl) {
      await createDatabase(serverUrl, pgDatabase);
      handle = openDatabase({ DATABASE_URL: urlForDatabase(serverUrl, pgDatabase) });
    } else {
      handle = openDatabase({ DATABASE_PATH: file });
    }
    expect((await migrator(handle).migrateTo("0018_application_public_profile")).error).toBeUndefined();
    await seedReferenceData(handle.db);
  });
  afterAll(async () => {
    await handle?.db.destroy();
    if (serverUrl) await dropDatabase(serverUrl, pgDatabase);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  it("backfills the index from the rows it finds", async () => {
    await seedBulkThreats(handle.db, { threats: 30, actions: 30 }, 11);
    expect((await migrator(handle).migrateToLatest()).error).toBeUndefined();
    const like = await handle.db
      .selectFrom("threats")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("search_text", "like", "%critics warn%")
      .executeTakeFirstOrThrow();
    expect(Number(like.n)).toBeGreaterThan(0);
    if (handle.dialect === "sqlite") {
      await expectIndexInStep(handle.db);
      const indexed = await sql<{ n: number }>`
        select count(*) as n from threats_fts where threats_fts match ${'"critics warn"'}
      `.execute(handle.db);
      expect(Number(indexed.rows[0].n)).toBe(Number(like.n));
    } else {
      const index = await sql<{ indexdef: string }>`
        select indexdef from pg_indexes where tablename = 'threats' and indexname = 'threats_search_text_trgm'
      `.execute(handle.db);
      expect(index.rows[0]?.indexdef).toContain("gin_trgm_ops");
      // With sequential scans priced out, the search's own LIKE is answered from the index.
      const plan = await handle.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return sql<{ "QUERY PLAN": string }>`
          explain select id from threats where search_text like ${"%critics warn%"} escape '\\'
        `.execute(trx);
      });
      expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("threats_search_text_trgm");
    }
  });
});
