/**
 * Sends outbox rows through Resend. Claiming and recording are short database writes; the HTTP call
 * to Resend happens between them, outside any transaction (one SQLite writer must never wait on
 * the network).
 *
 * Why batches rather than one request per row: Resend's default rate limit is 2 requests per
 * second, so per-row sending would cap us at ~2 mails/s. Batch errors stay attributable per row:
 * with `batchValidation: "permissive"`, Resend queues the valid mails and returns `errors[]` with
 * the payload index of each rejected one, and `data[]` holds the ids of the created mails in
 * payload order. A transport error (429, 5xx, network) applies to the whole batch anyway.
 */
import crypto from "node:crypto";
import { Resend, type CreateBatchOptions, type ErrorResponse } from "resend";
import { loadConfig } from "../../config.server";
import { db } from "../../../db/connection";
import type { OutboxRow } from "../../../db/schema";

export interface DrainOptions {
  now?: Date;
  /** Mails per Resend batch request, at most 100. */
  batchSize?: number;
  /** Attempts before a row is dead-lettered as `failed`. */
  maxAttempts?: number;
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: number;
  skipped: boolean;
}

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 60 * 60_000;
/**
 * A claimed row is leased: if the process dies mid-send, the row returns to `pending` once the
 * lease (stored in next_attempt_at while `sending`) expires. A resend after a crash reuses the
 * same batch idempotency key when the batch is regrouped identically, so Resend drops it.
 */
const LEASE_MS = 10 * 60_000;
/** Bounds one drain so a tick (and a graceful shutdown waiting for it) ends in reasonable time. */
const MAX_BATCHES_PER_DRAIN = 50;
const MAX_ERROR_LENGTH = 500;

type RowResult = { sent: true; providerId: string | null; note: string | null } | { sent: false; error: string };

type BatchOutcome =
  | { kind: "accepted"; results: RowResult[] }
  | { kind: "retry"; error: string; delayMs: number | null; countsAsAttempt: boolean }
  | { kind: "reject"; error: string };

export async function drainOutboxOnce(options: DrainOptions = {}): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, failed: 0, skipped: false };
  const { resendApiKey } = loadConfig();
  if (!resendApiKey) return { ...result, skipped: true };

  const clock = () => options.now ?? new Date();
  const batchSize = Math.min(Math.max(Math.trunc(options.batchSize ?? 100), 1), 100);
  const maxAttempts = Math.max(Math.trunc(options.maxAttempts ?? 6), 1);
  const resend = new Resend(resendApiKey);

  await releaseExpiredLeases(clock());
  for (let i = 0; i < MAX_BATCHES_PER_DRAIN; i++) {
    const claimed = await claimDueRows(clock(), batchSize);
    if (claimed === null) break;
    if (claimed.length === 0) continue; // another worker claimed the rows we saw; look again
    const outcome = await sendBatch(resend, claimed);
    const counts = await recordOutcome(claimed, outcome, clock(), maxAttempts);
    result.sent += counts.sent;
    result.retried += counts.retried;
    result.failed += counts.failed;
    // Rate limited or Resend is down: further batches now would fail the same way.
    if (outcome.kind === "retry") break;
  }
  if (result.retried > 0 || result.failed > 0) log("warn", "outbox drain had failures", { ...result });
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

/** Null when nothing is due; an empty array when a concurrent worker won every row we saw. */
async function claimDueRows(now: Date, limit: number): Promise<OutboxRow[] | null> {
  const iso = now.toISOString();
  const due = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", iso)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  if (due.length === 0) return null;
  // The status guard makes the claim atomic: of two workers that saw the same rows, only one
  // UPDATE matches each row, and RETURNING tells each worker exactly which rows it won.
  const claimed = await db
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
      due.map((r) => r.id),
    )
    .returningAll()
    .execute();
  return claimed.sort((a, b) => a.id - b.id);
}

/** The same rows always give the same key, so a retried batch is deduplicated by Resend. */
export function batchIdempotencyKey(rows: Pick<OutboxRow, "idempotency_key">[]): string {
  const hash = crypto.createHash("sha256");
  for (const row of rows) hash.update(row.idempotency_key).update("\n");
  return `outbox-batch/${hash.digest("hex")}`;
}

async function sendBatch(resend: Resend, rows: OutboxRow[]): Promise<BatchOutcome> {
  const payload: CreateBatchOptions = rows.map((row) => ({
    from: row.from_address,
    to: [row.to_address],
    subject: row.subject,
    html: row.html,
    text: row.text,
    ...(row.reply_to ? { replyTo: row.reply_to } : {}),
    // Tags are not shown to recipients; webhooks echo them, which ties events back to our row.
    tags: [{ name: "outbox_id", value: String(row.id) }],
  }));
  try {
    const response = await resend.batch.send(payload, {
      idempotencyKey: batchIdempotencyKey(rows),
      batchValidation: "permissive",
    });
    if (response.error) return classifyError(response.error, response.headers);
    return { kind: "accepted", results: attribute(rows.length, response.data.data, response.data.errors ?? []) };
  } catch (error) {
    // The SDK turns HTTP and network failures into `error`; a throw is unexpected, so retry.
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "retry", error: `exception: ${message}`, delayMs: null, countsAsAttempt: true };
  }
}

function attribute(
  count: number,
  created: Array<{ id: string }>,
  errors: Array<{ index: number; message: string }>,
): RowResult[] {
  const errorByIndex = new Map(errors.map((e) => [e.index, e.message]));
  if (created.length !== count - errorByIndex.size) {
    // Resend accepted the request but the ids cannot be matched to rows. Sending again could
    // duplicate mail, so record the rows as sent without a provider id.
    return Array.from({ length: count }, () => ({
      sent: true,
      providerId: null,
      note: "unattributable batch response",
    }));
  }
  let next = 0;
  return Array.from({ length: count }, (_, index) => {
    const message = errorByIndex.get(index);
    if (message !== undefined) return { sent: false, error: `rejected: ${message}`.slice(0, MAX_ERROR_LENGTH) };
    return { sent: true, providerId: created[next++].id, note: null };
  });
}

function classifyError(error: ErrorResponse, headers: Record<string, string> | null): BatchOutcome {
  // The SDK passes Resend's JSON error body through as `error`; its statusCode mirrors the HTTP
  // status. Network failures come back with statusCode null and no headers.
  const status = error.statusCode ?? (error.name === "rate_limit_exceeded" ? 429 : null);
  const description = `${status ?? "network"} ${error.name}: ${error.message}`.slice(0, MAX_ERROR_LENGTH);
  if (status === 429) {
    // Being rate limited is not the message's fault, so it does not use up an attempt.
    return { kind: "retry", error: description, delayMs: retryAfterMs(headers), countsAsAttempt: false };
  }
  const transient = status === null || status >= 500 || error.name === "concurrent_idempotent_requests";
  if (transient) return { kind: "retry", error: description, delayMs: null, countsAsAttempt: true };
  return { kind: "reject", error: description };
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(headers: Record<string, string> | null): number | null {
  const value = headers?.["retry-after"];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(seconds * 1000, 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(date - Date.now(), 1000);
}

/** 30 s × 2^(attempts-1), capped at 1 h, with "equal jitter" (between half and all of it). */
export function backoffMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  return Math.round(base / 2 + (random * base) / 2);
}

async function recordOutcome(
  rows: OutboxRow[],
  outcome: BatchOutcome,
  now: Date,
  maxAttempts: number,
): Promise<{ sent: number; retried: number; failed: number }> {
  const counts = { sent: 0, retried: 0, failed: 0 };
  const iso = now.toISOString();
  // One random factor per batch keeps its rows due together, so they tend to be regrouped into
  // the same batch (same idempotency key) on retry.
  const jitter = Math.random();
  await db.transaction().execute(async (trx) => {
    for (const [index, row] of rows.entries()) {
      const guard = trx.updateTable("outbox").where("id", "=", row.id).where("status", "=", "sending");
      if (outcome.kind === "accepted") {
        const result = outcome.results[index];
        await guard
          .set(
            result.sent
              ? {
                  status: "sent",
                  provider_id: result.providerId,
                  sent_at: iso,
                  last_error: result.note,
                  updated_at: iso,
                }
              : { status: "failed", last_error: result.error, updated_at: iso },
          )
          .execute();
        counts[result.sent ? "sent" : "failed"]++;
      } else if (outcome.kind === "retry" && (!outcome.countsAsAttempt || row.attempts < maxAttempts)) {
        const attempts = outcome.countsAsAttempt ? row.attempts : row.attempts - 1;
        const delay = outcome.delayMs ?? backoffMs(Math.max(attempts, 1), jitter);
        await guard
          .set({
            status: "pending",
            attempts,
            next_attempt_at: new Date(now.getTime() + delay).toISOString(),
            last_error: outcome.error,
            updated_at: iso,
          })
          .execute();
        counts.retried++;
      } else {
        await guard.set({ status: "failed", last_error: outcome.error, updated_at: iso }).execute();
        counts.failed++;
      }
    }
  });
  if (outcome.kind !== "accepted") {
    log("warn", "outbox batch not sent", { outcome: outcome.kind, outboxIds: rows.map((r) => r.id) });
  }
  return counts;
}

/** One JSON line on stderr: counts and row ids only, never addresses or bodies. */
function log(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields })}\n`);
}

export interface OutboxWorker {
  /** Stops scheduling ticks and resolves once the tick in flight, if any, has finished. */
  stop(): Promise<void>;
}

/** Drains the outbox every `intervalMs`; a tick starts only after the previous one finished. */
export function startOutboxWorker(options: { intervalMs?: number } = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? loadConfig().outboxIntervalMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  const tick = () => {
    timer = undefined;
    inFlight = drainOutboxOnce()
      .then(
        () => undefined,
        (error: unknown) => {
          log("error", "outbox drain crashed", { error: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => {
        inFlight = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
