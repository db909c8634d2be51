/**
 * Scheduled jobs run once across app instances. Every instance runs the same timers; on PostgreSQL
 * each tick first takes a transaction-level advisory lock named after the job, and an instance that
 * does not get it skips the tick (another instance is doing the work). The lock is released when
 * its transaction ends, also when the process dies and its connection closes. The jobs themselves
 * are idempotent, so a tick that starts just after another one finished changes nothing.
 * SQLite serves one instance: there the job just runs.
 */
import { sql } from "kysely";
import { getDatabase } from "~db/connection";

/** Advisory lock keys, one per job; fixed forever (another instance may run an older release). */
export const JOB_LOCKS = {
  letterScrub: 0x6875_6201,
  targetSnapshots: 0x6875_6202,
  // 0x6875_6203 is the outbox's per-recipient cap lock.
  staffDigest: 0x6875_6204,
} as const;

export type JobName = keyof typeof JOB_LOCKS;

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

export async function runExclusive<T>(job: JobName, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
  const handle = getDatabase();
  if (handle.dialect !== "postgres") return { ran: true, result: await work() };
  // The lock's transaction only holds the lock; the job does its own writes on other connections.
  return handle.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${JOB_LOCKS[job]}) as locked`.execute(trx);
    if (!rows[0]?.locked) return { ran: false } as const;
    return { ran: true, result: await work() } as const;
  });
}
