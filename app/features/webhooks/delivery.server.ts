/**
 * The webhook worker: claims due rows of `webhook_outbox`, signs each as Standard Webhooks says and
 * POSTs it to its endpoint, outside any transaction, then records what happened.
 *
 * - Claiming is a status-guarded UPDATE … RETURNING (and `FOR UPDATE SKIP LOCKED` on PostgreSQL),
 *   as for the mail outbox: of two workers that see the same row, one wins it.
 * - The URL is checked again before each attempt and the request goes to the address that check
 *   resolved (a name that now points inside the network is refused: DNS rebinding).
 * - 2xx: delivered. Network errors, timeouts, 429 and 5xx: retried with exponential backoff and
 *   jitter, up to MAX_ATTEMPTS. Redirects are not followed, and a 3xx or another 4xx fails at once.
 * - An endpoint whose deliveries failed DISABLE_AFTER times in a row is disabled (its page says so).
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { Kysely } from "kysely";
import { getDatabase, db } from "~db/connection";
import type { Database, WebhookOutboxRow } from "~db/schema";
import { sleep } from "~/features/email/pacer.server";
import { recordAudit } from "~/features/security/audit.server";
import { logger } from "~/features/security/log.server";
import { checkWebhookUrl, type CheckedAddress, type UrlCheckOptions } from "~/features/webhooks/address-guard.server";
import { signedHeaders } from "~/features/webhooks/signing.server";

export const MAX_ATTEMPTS = 8;
/** Deliveries given up in a row before the endpoint is disabled. */
export const DISABLE_AFTER = 5;
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 4 * 60 * 60_000;
const TIMEOUT_MS = 10_000;
/** A claimed row returns to `pending` if its worker died; longer than any attempt can take. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;
const MAX_BATCHES_PER_DRAIN = 25;

export interface WebhookDrainOptions {
  now?: () => Date;
  timeoutMs?: number;
  maxAttempts?: number;
  batchSize?: number;
  maxBatches?: number;
  /** Between 0 and 1: the jitter of the backoff (tests fix it). */
  random?: () => number;
  signal?: AbortSignal;
  /** The address guard's options (tests pass their resolver). */
  guard?: UrlCheckOptions;
}

export interface WebhookDrainResult {
  delivered: number;
  retried: number;
  failed: number;
  /** Why the pass ended: nothing due, or its batch limit (more may be due). */
  end: "idle" | "batch_limit" | "aborted";
}

/** 30 s × 2^(attempts-1), at most 4 h, with "equal jitter" (between half and all of it). */
export function webhookBackoffMs(attempts: number, random: number = Math.random()): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  return Math.round(base / 2 + (random * base) / 2);
}

type AttemptOutcome =
  | { kind: "delivered"; status: number }
  | { kind: "retry"; status: number | null; error: string }
  | { kind: "fail"; status: number | null; error: string };

export function classifyStatus(status: number): AttemptOutcome {
  if (status >= 200 && status < 300) return { kind: "delivered", status };
  if (status === 429 || status >= 500) return { kind: "retry", status, error: `HTTP ${status}` };
  if (status >= 300 && status < 400)
    return { kind: "fail", status, error: `HTTP ${status}: redirects are not followed` };
  return { kind: "fail", status, error: `HTTP ${status}` };
}

/** POSTs to `url`, connecting to `pinned` (the address the guard checked), and resolves with the status. */
function post(
  url: URL,
  pinned: CheckedAddress,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<number> {
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        agent: false,
        lookup,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "EncryptionAdvocacyHub-Webhooks/1",
        },
      },
      (response) => {
        // Only the status matters; the body is not read (it could be endless).
        const status = response.statusCode ?? 0;
        response.destroy();
        clearTimeout(timer);
        resolve(status);
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

interface ClaimedDelivery extends WebhookOutboxRow {
  url: string;
  secret: string;
}

async function attempt(row: ClaimedDelivery, options: WebhookDrainOptions, now: Date): Promise<AttemptOutcome> {
  const checked = await checkWebhookUrl(row.url, options.guard);
  if (!checked.ok) {
    // A name that does not resolve may come back; one that points inside the network is refused.
    return checked.reason === "unresolved"
      ? { kind: "retry", status: null, error: "address: the host name did not resolve" }
      : { kind: "fail", status: null, error: `address refused: ${checked.reason}` };
  }
  const headers = signedHeaders(row.secret, row.message_id, row.payload, now);
  try {
    const status = await post(
      checked.url,
      checked.addresses[0],
      { ...headers },
      row.payload,
      options.timeoutMs ?? TIMEOUT_MS,
    );
    return classifyStatus(status);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "retry", status: null, error: message.slice(0, 300) };
  }
}

async function releaseExpiredLeases(now: Date): Promise<void> {
  const iso = now.toISOString();
  await db
    .updateTable("webhook_outbox")
    .set({ status: "pending", updated_at: iso })
    .where("status", "=", "sending")
    .where("next_attempt_at", "<=", iso)
    .execute();
}

async function claimIn(executor: Kysely<Database>, now: Date, limit: number, skipLocked: boolean) {
  const iso = now.toISOString();
  let query = executor
    .selectFrom("webhook_outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", iso)
    .where("endpoint_id", "in", (eb) =>
      eb
        .selectFrom("webhook_endpoints")
        .innerJoin("api_keys", "api_keys.id", "webhook_endpoints.api_key_id")
        .select("webhook_endpoints.id")
        .where("webhook_endpoints.enabled", "=", 1)
        .where("api_keys.revoked_at", "is", null),
    )
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit);
  if (skipLocked) query = query.forUpdate().skipLocked();
  const due = await query.execute();
  if (due.length === 0) return null;
  // The status guard makes the claim atomic: each row is won by exactly one worker.
  return executor
    .updateTable("webhook_outbox")
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
}

/** Null when nothing is due; an empty list when another worker won every row seen. */
async function claimDue(now: Date, limit: number): Promise<ClaimedDelivery[] | null> {
  const claimed =
    getDatabase().dialect === "postgres"
      ? await db.transaction().execute((trx) => claimIn(trx, now, limit, true))
      : await claimIn(db, now, limit, false);
  if (claimed === null) return null;
  if (claimed.length === 0) return [];
  const endpoints = await db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "secret"])
    .where("id", "in", [...new Set(claimed.map((r) => r.endpoint_id))])
    .execute();
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  return claimed
    .filter((row) => byId.has(row.endpoint_id))
    .map((row) => ({ ...row, url: byId.get(row.endpoint_id)!.url, secret: byId.get(row.endpoint_id)!.secret }))
    .sort((a, b) => a.id - b.id);
}

async function record(
  row: ClaimedDelivery,
  outcome: AttemptOutcome,
  now: Date,
  maxAttempts: number,
  random: () => number,
): Promise<"delivered" | "retried" | "failed"> {
  const iso = now.toISOString();
  const giveUp = outcome.kind === "fail" || (outcome.kind === "retry" && row.attempts >= maxAttempts);
  return db.transaction().execute(async (trx) => {
    const sending = () => trx.updateTable("webhook_outbox").where("id", "=", row.id).where("status", "=", "sending");
    if (outcome.kind === "delivered") {
      await sending()
        .set({
          status: "delivered",
          last_status_code: outcome.status,
          last_error: null,
          delivered_at: iso,
          updated_at: iso,
        })
        .execute();
      await trx
        .updateTable("webhook_endpoints")
        .set({ consecutive_failures: 0 })
        .where("id", "=", row.endpoint_id)
        .where("consecutive_failures", ">", 0)
        .execute();
      return "delivered";
    }
    if (!giveUp) {
      await sending()
        .set({
          status: "pending",
          last_status_code: outcome.status,
          last_error: outcome.error,
          next_attempt_at: new Date(now.getTime() + webhookBackoffMs(row.attempts, random())).toISOString(),
          updated_at: iso,
        })
        .execute();
      return "retried";
    }
    await sending()
      .set({ status: "failed", last_status_code: outcome.status, last_error: outcome.error, updated_at: iso })
      .execute();
    const endpoint = await trx
      .updateTable("webhook_endpoints")
      .set((eb) => ({ consecutive_failures: eb("consecutive_failures", "+", 1) }))
      .where("id", "=", row.endpoint_id)
      .returning(["consecutive_failures", "enabled"])
      .executeTakeFirst();
    if (endpoint && endpoint.enabled === 1 && endpoint.consecutive_failures >= DISABLE_AFTER) {
      await trx
        .updateTable("webhook_endpoints")
        .set({ enabled: 0, disabled_reason: "failures", updated_at: iso })
        .where("id", "=", row.endpoint_id)
        .execute();
      await recordAudit(trx, {
        actorUserId: null,
        action: "webhook.disable",
        entityType: "webhook_endpoint",
        entityId: row.endpoint_id,
        after: { enabled: false, disabled_reason: "failures", consecutive_failures: endpoint.consecutive_failures },
      });
    }
    return "failed";
  });
}

/** One pass: claims and sends due deliveries until none is due or the batch limit is reached. */
export async function drainWebhooksOnce(options: WebhookDrainOptions = {}): Promise<WebhookDrainResult> {
  const clock = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const result: WebhookDrainResult = { delivered: 0, retried: 0, failed: 0, end: "batch_limit" };
  await releaseExpiredLeases(clock());
  for (let i = 0; i < (options.maxBatches ?? MAX_BATCHES_PER_DRAIN); i++) {
    if (options.signal?.aborted) {
      result.end = "aborted";
      break;
    }
    const claimed = await claimDue(clock(), options.batchSize ?? BATCH);
    if (claimed === null) {
      result.end = "idle";
      break;
    }
    // The batch's requests run side by side; each is recorded as soon as it ends.
    const ends = await Promise.all(
      claimed.map(async (row) => {
        const outcome = await attempt(row, options, clock());
        return record(row, outcome, clock(), maxAttempts, random);
      }),
    );
    for (const end of ends) result[end] += 1;
  }
  if (result.retried > 0 || result.failed > 0) {
    logger.warn(
      { delivered: result.delivered, retried: result.retried, failed: result.failed },
      "webhook drain had failures",
    );
  }
  return result;
}

export interface WebhookWorker {
  stop(): Promise<void>;
}

/** Drains continuously while there is a backlog, else every `intervalMs`. */
export function startWebhookWorker(options: { intervalMs: number }): WebhookWorker {
  const controller = new AbortController();
  const { signal } = controller;
  const loop = (async () => {
    while (!signal.aborted) {
      let waitMs = options.intervalMs;
      try {
        const report = await drainWebhooksOnce({ signal });
        if (report.end === "batch_limit") waitMs = 0;
      } catch (error) {
        logger.error({ err: error }, "webhook drain crashed");
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
