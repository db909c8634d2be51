/**
 * The group commit of signature writes: concurrent signatures are written together in one
 * transaction, each in its own savepoint.
 */
import { sql } from "kysely";
import { db } from "~db/connection";
import type { Executor } from "~db/schema";
import type { Result } from "~/lib/result";

// With `synchronous=FULL` every commit waits for an fsync, and better-sqlite3 waits on the event
// loop: one commit per signature caps signing at a few hundred per second on one core. Signatures
// that arrive while a commit is in progress are therefore written together in the next
// transaction, each in its own savepoint: a signature and its mail still commit together (or not
// at all), one failing signature does not undo the others, and nobody gets an answer before their
// signature is durable. Under light load a batch holds a single signature. No network I/O happens
// inside (mail goes to the outbox).

interface GroupJob {
  run: (trx: Executor) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}
const MAX_GROUP = 256;
const groupQueue: GroupJob[] = [];
let groupScheduled = false;

export function inGroupCommit<T>(run: (trx: Executor) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    groupQueue.push({ run, resolve: resolve as (value: unknown) => void, reject });
    if (!groupScheduled) {
      groupScheduled = true;
      setImmediate(flushGroup);
    }
  });
}

async function flushGroup(): Promise<void> {
  const jobs = groupQueue.splice(0, MAX_GROUP);
  const outcomes: Array<Result<{ value: unknown }, { error: unknown }>> = [];
  try {
    await db.transaction().execute(async (trx) => {
      for (const job of jobs) {
        await sql`savepoint signature_job`.execute(trx);
        try {
          const value = await job.run(trx);
          await sql`release savepoint signature_job`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error) {
          await sql`rollback to savepoint signature_job`.execute(trx);
          await sql`release savepoint signature_job`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
    });
    jobs.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  } catch (error) {
    for (const job of jobs) job.reject(error);
  } finally {
    if (groupQueue.length) setImmediate(flushGroup);
    else groupScheduled = false;
  }
}
