/**
 * One batch request to Resend and what its answer means for each outbox row.
 *
 * Batch errors stay attributable per row: with `batchValidation: "permissive"`, Resend queues the
 * valid mails and returns `errors[]` with the payload index of each rejected one, and `data[]` holds
 * the ids of the created mails in payload order. A transport error (429, 5xx, network) applies to
 * the whole batch anyway.
 */
import crypto from "node:crypto";
import type { CreateBatchOptions, ErrorResponse, Resend } from "resend";
import type { OutboxRow } from "~db/schema";

const MAX_ERROR_LENGTH = 500;

export type RowResult = { sent: true; providerId: string | null; note: string | null } | { sent: false; error: string };

export type BatchOutcome =
  | { kind: "accepted"; results: RowResult[] }
  | { kind: "retry"; error: string; delayMs: number | null; countsAsAttempt: boolean; rateLimited: boolean }
  | { kind: "reject"; error: string };

/** The same rows always give the same key, so a retried batch is deduplicated by Resend. */
export function batchIdempotencyKey(rows: Pick<OutboxRow, "idempotency_key">[]): string {
  const hash = crypto.createHash("sha256");
  for (const row of rows) hash.update(row.idempotency_key).update("\n");
  return `outbox-batch/${hash.digest("hex")}`;
}

export async function sendBatch(resend: Resend, rows: OutboxRow[]): Promise<BatchOutcome> {
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
    return { kind: "retry", error: `exception: ${message}`, delayMs: null, countsAsAttempt: true, rateLimited: false };
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
    return {
      kind: "retry",
      error: description,
      delayMs: retryAfterMs(headers),
      countsAsAttempt: false,
      rateLimited: true,
    };
  }
  const transient = status === null || status >= 500 || error.name === "concurrent_idempotent_requests";
  if (transient) return { kind: "retry", error: description, delayMs: null, countsAsAttempt: true, rateLimited: false };
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
