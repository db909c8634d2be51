/** Sends one fuzzed case to a route, as a form, a multipart upload or a signed webhook delivery. */
import crypto from "node:crypto";
import type { Client } from "../../support/app-server";
import type { FuzzEntry } from "./entries";

export const WEBHOOK_SECRET = `whsec_${crypto.randomBytes(24).toString("base64")}`;

function svixSignature(id: string, timestamp: string, body: string): string {
  const key = Buffer.from(WEBHOOK_SECRET.replace(/^whsec_/, ""), "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export async function send(
  client: Client,
  path: string,
  entry: FuzzEntry,
  pairs: Array<[string, string]>,
): Promise<Response> {
  const send = entry.send ?? "form";
  if (send === "form") {
    const body = new URLSearchParams();
    for (const [name, value] of pairs) body.append(name, value);
    return client.request(path, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
  }
  if (send === "multipart") {
    const body = new FormData();
    for (const [name, value] of pairs) {
      if (entry.files?.includes(name)) body.append(name, new File([value], "upload.csv", { type: "text/csv" }));
      else body.append(name, value);
    }
    return client.request(path, { method: "POST", body });
  }
  // A webhook delivery: JSON built from the fields; signed with the configured secret unless a
  // hostile signature header was drawn.
  const field = (name: string) => pairs.find(([n]) => n === name)?.[1];
  const payload = {
    type: field("type"),
    created_at: field("created_at"),
    data: { email_id: field("email_id"), tags: { outbox_id: field("outbox_id") }, to: [field("to")] },
  };
  const raw = JSON.stringify(payload);
  const id = field("svix-id") ?? `msg_${crypto.randomUUID()}`;
  const timestamp = field("svix-timestamp") ?? String(Math.floor(Date.now() / 1000));
  const signature = field("svix-signature") ?? svixSignature(id, timestamp, raw);
  // Header values cannot hold control characters or non-Latin-1 text: such a draw goes unsigned.
  const headerSafe = (v: string) => /^[\x20-\x7e]*$/.test(v);
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (headerSafe(id) && headerSafe(timestamp) && headerSafe(signature)) {
    Object.assign(headers, { "svix-id": id, "svix-timestamp": timestamp, "svix-signature": signature });
  }
  return client.request(path, { method: "POST", body: raw, headers });
}
