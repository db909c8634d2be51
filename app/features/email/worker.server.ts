/**
 * Sends outbox rows through Resend. Claiming and recording are short database writes; the HTTP call
 * to Resend happens between them, outside any transaction (one SQLite writer must never wait on
 * the network).
 *
 * Why batches rather than one request per row: Resend's default rate limit is 2 requests per
 * second, so per-row sending would cap us at ~2 mails/s. Requests are paced to stay under the
 * configured rate (pacer.server.ts), and the worker drains a backlog continuously, so a queue of
 * 10,000 mails goes out at close to 100 × the rate.
 */
import { Resend } from "resend";
import { loadConfig } from "~/config.server";
import { runOutboxSettledHooks, type OutboxOutcome } from "~/features/email/settled-hooks.server";
import { db, getDatabase } from "~db/connection";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database, OutboxRow } from "~db/schema";
import { sharedPacer, sleep } from "~/features/email/pacer.server";
import { sendBatch, type BatchOutcome } from "~/features/email/resend-batch.server";

export { batchIdempotencyKey } from "~/features/email/resend-batch.server";

export interface DrainOptions {
  now?: Date;
  /** Mails per Resend batch request, at most 100. */
  batchSize?: number;
  /** Attempts before a row is dead-lettered as `failed`. */
  maxAttempts?: number;
  /** Ends the drain before its next request (graceful shutdown). */
  signal?: AbortSignal;
  /** Requests at most in this pass (default 50). */
  maxBatches?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: boolean;
}

interface DrainReport extends DrainResult {
  /** Why the drain ended: nothing due, its batch limit, a failed request, or a stop. */
  end: "idle" | "batch_limit" | "retry" | "aborted" | "skipped";
  /** After a 429: how long Resend asked us to wait. */
  retryAfterMs: number | null;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/**
 * A claimed row is leased: if the process dies mid-send, the row returns to `pending` once the
 * lease (stored in next_attempt_at while `sending`) expires. A resend after a crash reuses the
 * same batch idempotency key, because rows that were already in a request are regrouped
 * identically (see claimDueRows), so Resend drops it.
 */
const LEASE_MS = 10 * 60_000;
/** Bounds one pass (`npm run outbox:drain`); the worker starts the next pass at once. */
const MAX_BATCHES_PER_DRAIN = 50;

export async function drainOutboxOnce(options: DrainOptions = {}): Promise<DrainResult> {
  const { sent, retried, failed, skipped } = await drainOutbox(options);
  return { sent, retried, failed, skipped };
}

async function drainOutbox(options: DrainOptions): Promise<DrainReport> {
  const result: DrainReport = {
    sent: 0,
    retried: 0,
    failed: 0,
    skipped: false,
    end: "batch_limit",
    retryAfterMs: null,
  };
  const config = loadConfig();
  if (!config.resendApiKey) return { ...result, skipped: true, end: "skipped" };

  const clock = () => options.now ?? new Date();
  const batchSize = Math.min(Math.max(Math.trunc(options.batchSize ?? 100), 1), 100);
  const maxAttempts = Math.max(Math.trunc(options.maxAttempts ?? 6), 1);
  const resend = new Resend(config.resendApiKey);
  const pacer = sharedPacer(config.resendRequestsPerSecond);

  await releaseExpiredLeases(clock());
  const maxBatches = Math.max(Math.trunc(options.maxBatches ?? MAX_BATCHES_PER_DRAIN), 1);
  for (let i = 0; i < maxBatches; i++) {
    if (options.signal?.aborted) {
      result.end = "aborted";
      break;
    }
    const claimed = await claimDueRows(clock(), batchSize);
    if (claimed === null) {
      result.end = "idle";
      break;
    }
    if (claimed.length === 0) continue; // another worker claimed the rows we saw; look again
    const requestDone = await pacer.acquire(options.signal);
    if (!requestDone) {
      await releaseClaim(claimed, clock());
      result.end = "aborted";
      break;
    }
    const outcome = await sendBatch(resend, claimed).finally(requestDone);
    const counts = await recordOutcome(claimed, outcome, clock(), maxAttempts);
    result.sent += counts.sent;
    result.retried += counts.retried;
    result.failed += counts.failed;
    // Rate limited or Resend is down: further batches now would fail the same way.
    if (outcome.kind === "retry") {
      result.end = "retry";
      result.retryAfterMs = outcome.rateLimited ? (outcome.delayMs ?? 1000) : null;
      break;
    }
  }
  if (result.retried > 0 || result.failed > 0) {
    log("warn", "outbox drain had failures", { sent: result.sent, retried: result.retried, failed: result.failed });
  }
  return result;
}

async function releaseExpiredLeases(now: Date): Promise<void> {
  const iso = now.toISOString();
  await db
    .updateTable("outbox")
    .set({ status: "pending", updated_at: iso })
    .where("status", "=", "sending")
    .where("next_attempt_at", "<=", iso)
    .execute();
}

/** Gives back rows claimed but never sent (the drain was stopped while waiting its turn). */
async function releaseClaim(rows: OutboxRow[], now: Date): Promise<void> {
  const iso = now.toISOString();
  await db
    .updateTable("outbox")
    .set((eb) => ({ status: "pending", attempts: eb("attempts", "-", 1), next_attempt_at: iso, updated_at: iso }))
    .where("status", "=", "sending")
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
}

/** A row that was already part of a request (it has an attempt or an error behind it). */
const wasRequested = (row: Pick<OutboxRow, "attempts" | "last_error">) => row.attempts > 0 || row.last_error !== null;

/**
 * Null when nothing is due; an empty array when a concurrent worker won every row we saw.
 *
 * Rows that were already in a request go out again only with exactly the same companions: a
 * failed request's rows share one next_attempt_at (one backoff per batch, one lease per claim), so
 * they are claimed together and alone, and the retry carries the same batch idempotency key. If
 * Resend did accept the first request (a 5xx or a lost connection after it queued the mails), it
 * answers the retry from its idempotency record instead of sending the mails twice.
 *
 * On PostgreSQL several app instances may drain at once: the due rows are selected `FOR UPDATE
 * SKIP LOCKED` in the claiming transaction, so each instance locks its own rows and skips those
 * another one is claiming, instead of all of them racing for the same first hundred. SQLite has one
 * writer; there the status-guarded UPDATE alone decides.
 */
async function claimDueRows(now: Date, limit: number): Promise<OutboxRow[] | null> {
  if (getDatabase().dialect === "postgres") {
    return db.transaction().execute((trx) => claimIn(trx, now, limit, true));
  }
  return claimIn(db, now, limit, false);
}

async function claimIn(
  executor: Kysely<Database>,
  now: Date,
  limit: number,
  skipLocked: boolean,
): Promise<OutboxRow[] | null> {
  const iso = now.toISOString();
  let query = executor
    .selectFrom("outbox")
    .select(["id", "attempts", "last_error", "next_attempt_at"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", iso)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit);
  if (skipLocked) query = query.forUpdate().skipLocked();
  const due = await query.execute();
  if (due.length === 0) return null;
  const first = due[0];
  let picked: typeof due;
  if (wasRequested(first)) {
    picked = due.filter((r) => wasRequested(r) && r.next_attempt_at === first.next_attempt_at);
  } else {
    const end = due.findIndex(wasRequested);
    picked = end < 0 ? due : due.slice(0, end);
  }
  // The status guard makes the claim atomic: of two workers that saw the same rows, only one
  // UPDATE matches each row, and RETURNING tells each worker exactly which rows it won.
  const claimed = await executor
    .updateTable("outbox")
    .set((eb) => ({
      status: "sending",
      attempts: eb("attempts", "+", 1),
      next_attempt_at: new Date(now.getTime() + LEASE_MS).toISOString(),
      updated_at: iso,
    }))
    .where("status", "=", "pending")
    .where(
      "id",
      "in",
      picked.map((r) => r.id),
    )
    .returningAll()
    .execute();
  return claimed.sort((a, b) => a.id - b.id);
}

/** 30 s × 2^(attempts-1), capped at 1 h, with "equal jitter" (between half and all of it). */
export function backoffMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  return Math.round(base / 2 + (random * base) / 2);
}

/**
 * Records what happened to each row, and moves the letters to lawmakers carried by those rows
 * (queued → sent / failed) in the same transaction. A handful of statements per batch, whatever
 * its size: the next request waits on the pacer meanwhile, and must not wait on this.
 */
async function recordOutcome(
  rows: OutboxRow[],
  outcome: BatchOutcome,
  now: Date,
  maxAttempts: number,
): Promise<{ sent: number; retried: number; failed: number }> {
  const counts = { sent: 0, retried: 0, failed: 0 };
  const iso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const sending = (ids: number[]) => trx.updateTable("outbox").where("id", "in", ids).where("status", "=", "sending");
    const settled: OutboxOutcome[] = [];

    if (outcome.kind === "accepted") {
      const sent: Array<{ id: number; providerId: string | null; note: string | null }> = [];
      for (const [index, row] of rows.entries()) {
        const result = outcome.results[index];
        if (result.sent) {
          sent.push({ id: row.id, providerId: result.providerId, note: result.note });
          continue;
        }
        const done = await sending([row.id])
          .set({ status: "failed", last_error: result.error, updated_at: iso })
          .returning("id")
          .execute();
        if (done.length === 1) settled.push({ outboxId: row.id, sent: false, providerId: null });
      }
      counts.sent = sent.length;
      counts.failed = rows.length - sent.length;
      if (sent.length > 0) {
        const byId = new Map(sent.map((r) => [r.id, r]));
        const done = await sending(sent.map((r) => r.id))
          .set((eb) => ({
            status: "sent",
            provider_id: caseById(eb, sent, (r) => r.providerId),
            last_error: caseById(eb, sent, (r) => r.note),
            sent_at: iso,
            updated_at: iso,
          }))
          .returning("id")
          .execute();
        for (const { id } of done)
          settled.push({ outboxId: id, sent: true, providerId: byId.get(id)?.providerId ?? null });
      }
    } else {
      const again =
        outcome.kind === "retry" ? rows.filter((r) => !outcome.countsAsAttempt || r.attempts < maxAttempts) : [];
      const dead = rows.filter((r) => !again.includes(r));
      if (outcome.kind === "retry" && again.length > 0) {
        // One delay for the whole batch keeps its rows due together: they are regrouped into the
        // same batch (same idempotency key) on retry.
        const attempts = outcome.countsAsAttempt ? again[0].attempts : again[0].attempts - 1;
        const delay = outcome.delayMs ?? backoffMs(Math.max(attempts, 1));
        await sending(again.map((r) => r.id))
          .set((eb) => ({
            status: "pending",
            // Being rate limited is not the message's fault: it gives the attempt back.
            attempts: outcome.countsAsAttempt ? eb.ref("attempts") : eb("attempts", "-", 1),
            next_attempt_at: new Date(now.getTime() + delay).toISOString(),
            last_error: outcome.error,
            updated_at: iso,
          }))
          .execute();
        counts.retried = again.length;
      }
      if (dead.length > 0) {
        const done = await sending(dead.map((r) => r.id))
          .set({ status: "failed", last_error: outcome.error, updated_at: iso })
          .returning("id")
          .execute();
        for (const { id } of done) settled.push({ outboxId: id, sent: false, providerId: null });
        counts.failed = dead.length;
      }
    }
    await runOutboxSettledHooks(trx, settled, iso);
  });
  if (outcome.kind !== "accepted") {
    log("warn", "outbox batch not sent", { outcome: outcome.kind, outboxIds: rows.map((r) => r.id) });
  }
  return counts;
}

/** `CASE id WHEN … THEN … END`: one UPDATE gives each row its own value. */
function caseById<R extends { id: number }>(
  eb: ExpressionBuilder<Database, "outbox">,
  rows: R[],
  value: (row: R) => string | null,
) {
  let builder = eb.case("id").when(rows[0].id).then(value(rows[0]));
  for (const row of rows.slice(1)) builder = builder.when(row.id).then(value(row));
  return builder.end();
}

/** One JSON line on stderr: counts and row ids only, never addresses or bodies. */
function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
}

export interface OutboxWorker {
  /** Stops the worker and resolves once the request in flight, if any, has been recorded. */
  stop(): Promise<void>;
}

/**
 * Drains the outbox continuously while there is a backlog (the pacer sets the pace), waits
 * Retry-After after a 429, and `intervalMs` when nothing is due or Resend is failing.
 */
export function startOutboxWorker(options: { intervalMs?: number } = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? loadConfig().outboxIntervalMs;
  const controller = new AbortController();
  const { signal } = controller;

  const loop = (async () => {
    while (!signal.aborted) {
      let waitMs = intervalMs;
      try {
        const report = await drainOutbox({ signal });
        if (report.end === "batch_limit") waitMs = 0;
        else if (report.end === "retry" && report.retryAfterMs !== null) waitMs = report.retryAfterMs;
      } catch (error) {
        log("error", "outbox drain crashed", { error: error instanceof Error ? error.message : String(error) });
      }
      await sleep(waitMs, signal);
    }
  })();

  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}
