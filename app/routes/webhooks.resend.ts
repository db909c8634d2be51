/**
 * Resend's delivery events (server to server). No session guard: each request is authenticated by
 * its Svix signature, checked against RESEND_WEBHOOK_SECRET before anything is read or written.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { readLimitedBody, receiveResendWebhook } from "~/features/campaigns/webhook.server";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });

export function loader() {
  return text(405, "Method not allowed.", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text(405, "Method not allowed.", { Allow: "POST" });
  // The signature covers the exact bytes sent: read the raw body, never a parsed form.
  const raw = await readLimitedBody(request);
  // The rest of the body is left unread: close the connection rather than reuse it.
  if (raw === null) return text(413, "Payload too large.", { Connection: "close" });
  const answer = await receiveResendWebhook(raw, request.headers);
  return text(answer.status, answer.message);
}
