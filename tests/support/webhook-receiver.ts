/**
 * A local webhook receiver (node:http on 127.0.0.1) for the webhook tests: records every request
 * and answers with the statuses it is given, in turn (then 200). `verified` checks each request
 * with the Standard Webhooks reference verifier.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** Statuses to answer next, in order; once used up every request gets 200. */
  answers: number[];
  /** Extra response headers per status (e.g. a Location for a redirect). */
  headersFor: Record<number, Record<string, string>>;
  /** Verifies one request with the secret; returns the parsed body or throws. */
  verify(request: ReceivedRequest, secret: string): unknown;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const receiver: Partial<WebhookReceiver> = { received, answers: [], headersFor: {} };
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      const status = receiver.answers?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain", ...(receiver.headersFor?.[status] ?? {}) });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    port,
    verify(request: ReceivedRequest, secret: string) {
      const headers = {
        "webhook-id": String(request.headers["webhook-id"] ?? ""),
        "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
        "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
      };
      return new Webhook(secret).verify(request.body, headers);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as WebhookReceiver;
}
