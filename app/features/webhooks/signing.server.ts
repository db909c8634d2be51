/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/), through the reference
 * `standardwebhooks` package: the signature is `v1,` + base64 HMAC-SHA256, keyed with the
 * base64-decoded secret, of `<webhook-id>.<webhook-timestamp>.<body>`.
 */
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret in the spec's form: `whsec_` and base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64")}`;
}

/** A message id (`webhook-id`): unique per event and endpoint, the same on every attempt. */
export function newMessageId(): string {
  return `msg_${crypto.randomBytes(16).toString("base64url")}`;
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/** The three headers of one delivery attempt (the timestamp is the attempt's, in seconds). */
export function signedHeaders(secret: string, messageId: string, body: string, at: Date = new Date()): SignedHeaders {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}
