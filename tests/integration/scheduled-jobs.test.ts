/**
 * Scheduled jobs run once across app instances: on PostgreSQL each tick takes the job's advisory
 * lock and skips when another instance (here: another connection) holds it. On SQLite, one
 * instance, the tick just runs.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { scrubLettersTick } from "~/features/campaigns/scrub.server";
import { JOB_LOCKS, runExclusive } from "~/features/jobs/exclusive.server";
import { staffDigestTick } from "~/features/staff-inbox/digest.server";
import { snapshotTick } from "~/features/targets/snapshots.server";
import { testPostgresUrl } from "../support/postgres-test-db";

const onPostgres = testPostgresUrl() !== undefined;
let other: pg.Client | undefined;

/** Another app instance's connection, holding a job's lock until released. */
async function holdLock(key: number): Promise<void> {
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
  await other.query("select pg_advisory_lock($1)", [key]);
}
/** Lets the other instance's lock go. */
async function release(): Promise<void> {
  await other?.end();
  other = undefined;
}
afterEach(async () => {
  await other?.end();
  other = undefined;
});

describe.runIf(onPostgres)("scheduled jobs on PostgreSQL", () => {
  it("skip the tick while another instance holds the job's lock, and run once it is released", async () => {
    await holdLock(JOB_LOCKS.letterScrub);
    expect(await scrubLettersTick()).toBeNull();
    // Each job has its own lock: the snapshots still run.
    expect(await snapshotTick()).not.toBeNull();
    await release();
    expect(await scrubLettersTick()).toEqual({ senders: expect.any(Number), letters: expect.any(Number) });

    await holdLock(JOB_LOCKS.targetSnapshots);
    expect(await snapshotTick()).toBeNull();
    await release();

    await holdLock(JOB_LOCKS.staffDigest);
    expect(await staffDigestTick()).toBeNull();
  });

  it("of two ticks at once, exactly one does the work", async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return runs;
    };
    const outcomes = await Promise.all([runExclusive("letterScrub", work), runExclusive("letterScrub", work)]);
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    // The lock ends with its transaction: the next tick runs.
    expect((await runExclusive("letterScrub", work)).ran).toBe(true);
    expect(runs).toBe(2);
  });
});

describe.runIf(!onPostgres)("scheduled jobs on SQLite (one instance)", () => {
  it("run every tick", async () => {
    expect(await scrubLettersTick()).toEqual({ senders: expect.any(Number), letters: expect.any(Number) });
    expect(await snapshotTick()).toEqual(expect.any(Number));
    const outcomes = await Promise.all([
      runExclusive("letterScrub", async () => 1),
      runExclusive("letterScrub", async () => 2),
    ]);
    expect(outcomes).toEqual([
      { ran: true, result: 1 },
      { ran: true, result: 2 },
    ]);
  });
});
