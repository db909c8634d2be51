/**
 * A local stand-in for the Resend API, enough for the real SDK (pointed here with RESEND_BASE_URL):
 * POST /emails, POST /emails/batch (strict and permissive validation), GET /emails/:id, bearer
 * auth, and idempotency keys (same key + same body → the stored response, nothing sent again;
 * same key + another body → 409). Errors use Resend's body shape {statusCode, name, message}.
 *
 * For reliability tests and the bench: a request rate limit (429 with retry-after, as Resend
 * answers), seeded random faults, a restart on the same port that keeps what Resend keeps (its
 * idempotency records and the mails it accepted), and counters. It sends nothing anywhere.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SentEmail {
  id: string;
  /** The Idempotency-Key header of the request that created it, if any. */
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  replyTo: string[];
  tags: Array<{ name: string; value: string }>;
  createdAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: unknown;
}

export interface ResendCounters {
  /** HTTP requests received, whatever the answer. */
  requests: number;
  /** Mails created (a replayed idempotent request creates none). */
  accepted: number;
  /** Mails created for an outbox id (tag `outbox_id`) already created, or under an idempotency key already accepted. */
  duplicates: number;
  /** Requests answered from an idempotency record (a retry of a request already accepted). */
  replayed: number;
  /** Requests refused by the rate limit. */
  rateLimited: number;
  /** Requests answered by an injected fault. */
  faults: number;
}

export interface FaultOptions {
  /** Share of POST requests that get a fault (0..1). */
  fraction: number;
  /** Seed of the pseudo-random choice: the same seed gives the same faults for the same requests. */
  seed: number;
  /** Share of the 500s answered after the mails were accepted (the answer is lost); default 0.5. */
  acceptedBefore500?: number;
}

export interface ResendServerOptions {
  /** At most this many requests in any one second (sliding window); more get 429. */
  requestsPerSecond?: number;
  /** Keep every request body in `requests` (default true; the bench keeps none). */
  recordBodies?: boolean;
  /** The port to listen on; default any free one. */
  port?: number;
  /**
   * Also answer `GET /_test/emails` (no auth, outside Resend's API, not counted): the accepted
   * mails with their ids, recipients, subjects, plain text and tags, for tests driving a separate
   * process.
   */
  testEndpoints?: boolean;
}

export interface ResendServer {
  url: string;
  port: number;
  sent: SentEmail[];
  requests: RecordedRequest[];
  counters: ResendCounters;
  /** Changes the request rate limit; null lifts it. */
  setRateLimit(requestsPerSecond: number | null): void;
  /** Answers 429 or 500 at random to `fraction` of the POST requests; null stops. */
  injectFaults(options: FaultOptions | null): void;
  /**
   * Closes (dropping connections in flight) and listens again on the same port after `downMs`.
   * Like Resend, it keeps its idempotency records and accepted mails unless `keepState: false`.
   */
  restart(options?: { downMs?: number; keepState?: boolean }): Promise<void>;
  /** The next `times` (default 1) POST requests fail with `status`; `times: 0` cancels. */
  failNext(status: 429 | 500, opts?: { retryAfter?: number; times?: number }): void;
  /** The next request is answered only after `ms`. */
  delayNext(ms: number): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const errorReply = (status: number, name: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { statusCode: status, name, message },
  headers,
});

const asList = (value: unknown): string[] =>
  typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];

function validationError(email: unknown): string | null {
  if (typeof email !== "object" || email === null) return "The email must be an object.";
  const fields = email as Record<string, unknown>;
  if (typeof fields.from !== "string" || fields.from === "") return "The `from` field is missing.";
  if (asList(fields.to).length === 0) return "The `to` field is missing.";
  if (typeof fields.subject !== "string" || fields.subject === "") return "The `subject` field is missing.";
  if (asList(fields.to).some((to) => !/^[^\s@<>]+@[^\s@<>]+$/.test(to)))
    return "Invalid `to` field. The email address needs to follow the `email@example.com` format.";
  return null;
}

/** mulberry32: a small seeded generator, enough for reproducible fault patterns. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startResendServer(options: ResendServerOptions = {}): Promise<ResendServer> {
  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { bodyHash: string; reply: Reply }>();
  const counters: ResendCounters = {
    requests: 0,
    accepted: 0,
    duplicates: 0,
    replayed: 0,
    rateLimited: 0,
    faults: 0,
  };
  // What the counters compare against; kept even when a restart loses the server's state.
  const seenOutboxIds = new Set<string>();
  const acceptedKeys = new Set<string>();
  const recordBodies = options.recordBodies ?? true;
  let failures: { status: 429 | 500; retryAfter?: number; remaining: number } | null = null;
  let nextDelayMs = 0;
  let rateLimit = options.requestsPerSecond ?? null;
  let window: number[] = [];
  let faults: (Required<FaultOptions> & { random: () => number }) | null = null;

  const create = (email: Record<string, unknown>, idempotencyKey: string | null, keySeenBefore: boolean): string => {
    const id = crypto.randomUUID();
    const tags = Array.isArray(email.tags) ? (email.tags as SentEmail["tags"]) : [];
    const outboxId = tags.find((tag) => tag.name === "outbox_id")?.value;
    counters.accepted++;
    if (outboxId !== undefined ? seenOutboxIds.has(outboxId) : keySeenBefore) counters.duplicates++;
    if (outboxId !== undefined) seenOutboxIds.add(outboxId);
    sent.push({
      id,
      idempotencyKey,
      from: String(email.from),
      to: asList(email.to),
      subject: String(email.subject),
      html: typeof email.html === "string" ? email.html : null,
      text: typeof email.text === "string" ? email.text : null,
      replyTo: asList(email.reply_to),
      tags,
      createdAt: new Date().toISOString(),
    });
    return id;
  };

  const handlePost = (path: string, body: unknown, key: string | null, mode: string | undefined): Reply => {
    const keySeenBefore = key !== null && acceptedKeys.has(`${path} ${key}`);
    const reply = createMails(path, body, key, mode, keySeenBefore);
    if (reply.status === 200 && key !== null) acceptedKeys.add(`${path} ${key}`);
    return reply;
  };

  const createMails = (
    path: string,
    body: unknown,
    key: string | null,
    mode: string | undefined,
    keySeenBefore: boolean,
  ): Reply => {
    if (path === "/emails") {
      const problem = validationError(body);
      if (problem) return errorReply(422, "validation_error", problem);
      return { status: 200, body: { id: create(body as Record<string, unknown>, key, keySeenBefore) } };
    }
    if (path === "/emails/batch") {
      if (!Array.isArray(body) || body.length === 0)
        return errorReply(422, "validation_error", "Expected an array of emails.");
      if (body.length > 100) return errorReply(422, "validation_error", "Too many emails: the limit is 100.");
      const problems = body.map(validationError);
      if (mode !== "permissive") {
        const index = problems.findIndex((p) => p !== null);
        if (index >= 0) return errorReply(422, "validation_error", `emails[${index}]: ${problems[index]}`);
      }
      const data: Array<{ id: string }> = [];
      const errors: Array<{ index: number; message: string }> = [];
      body.forEach((email: Record<string, unknown>, index) => {
        const problem = problems[index];
        if (problem) errors.push({ index, message: problem });
        else data.push({ id: create(email, key, keySeenBefore) });
      });
      return { status: 200, body: mode === "permissive" ? { data, errors } : { data } };
    }
    return errorReply(404, "not_found", "The requested endpoint does not exist.");
  };

  /** Null when the request may go on; a 429 when this second's allowance is used up. */
  const limitRate = (arrivedAt: number): Reply | null => {
    if (rateLimit === null) return null;
    window = window.filter((t) => t > arrivedAt - 1000);
    if (window.length < rateLimit) {
      window.push(arrivedAt);
      return null;
    }
    counters.rateLimited++;
    const resetMs = window[0] + 1000 - arrivedAt;
    return errorReply(
      429,
      "rate_limit_exceeded",
      `Too many requests. You can only make ${rateLimit} requests per second. See rate limit response headers for more information.`,
      {
        "retry-after": String(Math.max(Math.ceil(resetMs / 1000), 1)),
        "ratelimit-limit": String(rateLimit),
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(Math.max(Math.ceil(resetMs / 1000), 1)),
      },
    );
  };

  const handle = (req: http.IncomingMessage, raw: string, arrivedAt: number): Reply => {
    counters.requests++;
    const path = (req.url ?? "/").split("?")[0];
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return errorReply(400, "validation_error", "Invalid JSON body.");
    }
    requests.push({ method: req.method ?? "GET", path, idempotencyKey: key, body: recordBodies ? body : null });

    if (!/^Bearer \S+$/.test(req.headers.authorization ?? ""))
      return errorReply(401, "missing_api_key", "Missing API key in the authorization header.");
    const limited = limitRate(arrivedAt);
    if (limited) return limited;

    if (req.method === "GET") {
      const match = /^\/emails\/([^/]+)$/.exec(path);
      const email = match ? sent.find((e) => e.id === match[1]) : undefined;
      if (!email) return errorReply(404, "not_found", "Email not found.");
      return {
        status: 200,
        body: {
          object: "email",
          id: email.id,
          from: email.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          reply_to: email.replyTo.length ? email.replyTo : null,
          created_at: email.createdAt,
          last_event: "delivered",
        },
      };
    }
    if (req.method !== "POST") return errorReply(405, "method_not_allowed", "Method not allowed.");

    if (failures) {
      const { status, retryAfter } = failures;
      if (--failures.remaining <= 0) failures = null;
      if (status === 429) {
        const headers: Record<string, string> = retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
        return errorReply(429, "rate_limit_exceeded", "Too many requests. Please slow down.", headers);
      }
      return errorReply(500, "internal_server_error", "An unexpected error occurred.");
    }
    let lostAnswer = false;
    if (faults && faults.random() < faults.fraction) {
      counters.faults++;
      if (faults.random() < 0.5) {
        return errorReply(429, "rate_limit_exceeded", "Too many requests. Please slow down.", { "retry-after": "1" });
      }
      if (faults.random() >= faults.acceptedBefore500)
        return errorReply(500, "internal_server_error", "An unexpected error occurred.");
      lostAnswer = true;
    }
    const reply = acceptPost(req, path, body, key, raw);
    return lostAnswer ? errorReply(500, "internal_server_error", "An unexpected error occurred.") : reply;
  };

  const acceptPost = (req: http.IncomingMessage, path: string, body: unknown, key: string | null, raw: string) => {
    if (key !== null) {
      if (key.length === 0 || key.length > 256)
        return errorReply(400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
      const bodyHash = crypto.createHash("sha256").update(raw).digest("hex");
      const scoped = `${path} ${key}`;
      const previous = idempotent.get(scoped);
      if (previous) {
        if (previous.bodyHash !== bodyHash)
          return errorReply(
            409,
            "invalid_idempotent_request",
            "Same idempotency key used with a different request payload.",
          );
        counters.replayed++;
        return previous.reply;
      }
      const reply = handlePost(path, body, key, headerValue(req, "x-batch-validation"));
      if (reply.status === 200) idempotent.set(scoped, { bodyHash, reply });
      return reply;
    }
    return handlePost(path, body, key, headerValue(req, "x-batch-validation"));
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (options.testEndpoints && (req.url ?? "").split("?")[0] === "/_test/emails") {
      // The plain text too: an end-to-end test reads a confirmation link from the mail as delivered.
      const list = sent.map(({ id, to, from, subject, text, tags, createdAt }) => ({
        id,
        to,
        from,
        subject,
        text,
        tags,
        createdAt,
      }));
      res.writeHead(req.method === "GET" ? 200 : 405, { "content-type": "application/json" });
      res.end(JSON.stringify(req.method === "GET" ? { data: list } : { message: "Method not allowed." }));
      return;
    }
    const arrivedAt = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delay = nextDelayMs;
      nextDelayMs = 0;
      const reply = handle(req, Buffer.concat(chunks).toString("utf8"), arrivedAt);
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      };
      if (delay > 0) setTimeout(answer, delay);
      else answer();
    });
  };

  const listen = (port: number) =>
    new Promise<http.Server>((resolve, reject) => {
      const server = http.createServer(onRequest);
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve(server));
    });
  const shut = (server: http.Server) => {
    server.closeAllConnections();
    return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  };

  let server = await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sent,
    requests,
    counters,
    setRateLimit(requestsPerSecond) {
      rateLimit = requestsPerSecond;
      window = [];
    },
    injectFaults(fault) {
      faults = fault && {
        fraction: fault.fraction,
        seed: fault.seed,
        acceptedBefore500: fault.acceptedBefore500 ?? 0.5,
        random: seededRandom(fault.seed),
      };
    },
    async restart({ downMs = 0, keepState = true } = {}) {
      await shut(server);
      if (!keepState) {
        idempotent.clear();
        sent.length = 0;
      }
      window = [];
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      server = await listen(port);
    },
    failNext(status, opts = {}) {
      const times = opts.times ?? 1;
      failures = times > 0 ? { status, retryAfter: opts.retryAfter, remaining: times } : null;
    },
    delayNext(ms) {
      nextDelayMs = ms;
    },
    close() {
      return shut(server);
    },
  };
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
