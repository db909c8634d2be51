import crypto from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newMessageId, newWebhookSecret, signedHeaders } from "~/features/webhooks/signing.server";

describe("Standard Webhooks signatures", () => {
  it("match the specification's test vector", () => {
    // The example of the Standard Webhooks specification (and Svix's libraries' tests).
    const headers = signedHeaders(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      '{"test": 2432232314}',
      new Date(1614265330 * 1000),
    );
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("are HMAC-SHA256 of id.timestamp.body under the decoded secret", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: "threat.changed", data: { id: 1 } });
    const at = new Date("2026-12-04T10:00:00Z");
    const headers = signedHeaders(secret, "msg_x", body, at);
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const expected = crypto
      .createHmac("sha256", key)
      .update(`msg_x.${headers["webhook-timestamp"]}.${body}`)
      .digest("base64");
    expect(headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("verify with the reference verifier, and fail when the body or secret differ", () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: "rsvp.confirmed", data: { event: { id: 7 } } });
    const headers = signedHeaders(secret, newMessageId(), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow(WebhookVerificationError);
  });

  it("secrets are whsec_ and 24 random bytes; message ids are unique", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(24);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(newMessageId()).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(newMessageId()).not.toBe(newMessageId());
  });
});
