/**
 * A local stand-in for the Resend API, enough for the real SDK (pointed here with RESEND_BASE_URL):
 * POST /emails, POST /emails/batch (strict and permissive validation), GET /emails/:id, bearer
 * auth, and idempotency keys (same key + same body → the stored response, nothing sent again;
 * same key + another body → 409). Errors use Resend's body shape {statusCode, name, message}.
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

export interface ResendServer {
  url: string;
  sent: SentEmail[];
  requests: RecordedRequest[];
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

export async function startResendServer(): Promise<ResendServer> {
  const sent: SentEmail[] = [];
  const requests: RecordedRequest[] = [];
  const idempotent = new Map<string, { bodyHash: string; reply: Reply }>();
  let failures: { status: 429 | 500; retryAfter?: number; remaining: number } | null = null;
  let nextDelayMs = 0;

  const create = (email: Record<string, unknown>, idempotencyKey: string | null): string => {
    const id = crypto.randomUUID();
    sent.push({
      id,
      idempotencyKey,
      from: String(email.from),
      to: asList(email.to),
      subject: String(email.subject),
      html: typeof email.html === "string" ? email.html : null,
      text: typeof email.text === "string" ? email.text : null,
      replyTo: asList(email.reply_to),
      tags: Array.isArray(email.tags) ? (email.tags as SentEmail["tags"]) : [],
      createdAt: new Date().toISOString(),
    });
    return id;
  };

  const handlePost = (path: string, body: unknown, key: string | null, mode: string | undefined): Reply => {
    if (path === "/emails") {
      const problem = validationError(body);
      if (problem) return errorReply(422, "validation_error", problem);
      return { status: 200, body: { id: create(body as Record<string, unknown>, key) } };
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
        else data.push({ id: create(email, key) });
      });
      return { status: 200, body: mode === "permissive" ? { data, errors } : { data } };
    }
    return errorReply(404, "not_found", "The requested endpoint does not exist.");
  };

  const handle = (req: http.IncomingMessage, raw: string): Reply => {
    const path = (req.url ?? "/").split("?")[0];
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return errorReply(400, "validation_error", "Invalid JSON body.");
    }
    requests.push({ method: req.method ?? "GET", path, idempotencyKey: key, body });

    if (!/^Bearer \S+$/.test(req.headers.authorization ?? ""))
      return errorReply(401, "missing_api_key", "Missing API key in the authorization header.");

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
        return previous.reply;
      }
      const reply = handlePost(path, body, key, headerValue(req, "x-batch-validation"));
      if (reply.status === 200) idempotent.set(scoped, { bodyHash, reply });
      return reply;
    }
    return handlePost(path, body, key, headerValue(req, "x-batch-validation"));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const delay = nextDelayMs;
      nextDelayMs = 0;
      const reply = handle(req, Buffer.concat(chunks).toString("utf8"));
      setTimeout(() => {
        res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
        res.end(JSON.stringify(reply.body));
      }, delay);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    failNext(status, opts = {}) {
      const times = opts.times ?? 1;
      failures = times > 0 ? { status, retryAfter: opts.retryAfter, remaining: times } : null;
    },
    delayNext(ms) {
      nextDelayMs = ms;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
