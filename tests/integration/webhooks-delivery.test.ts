/**
 * Outbound webhooks end to end on a real migrated database and a real local HTTP receiver: events
 * written in the change's transaction, signed deliveries the Standard Webhooks verifier accepts,
 * retries, immediate failures, no duplicates with two workers, the per-key resource rule, and the
 * address check at delivery time. The test switch (WEBHOOK_ALLOW_PRIVATE) lets deliveries reach
 * 127.0.0.1 over http.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { confirmSignature } from "../../app/features/letters/confirmation.server";
import { confirmRsvp } from "../../app/features/events/rsvp.server";
import { moveLettersForOutbox } from "../../app/features/campaigns/delivery.server";
import { insertThreat, recordStep } from "../../app/features/threats/mutations.server";
import { DISABLE_AFTER, drainWebhooksOnce } from "../../app/features/webhooks/delivery.server";
import { enqueueThreatChanged } from "../../app/features/webhooks/events.server";
import { db } from "../../db/connection";
import { createLetters } from "../support/letters-factory";
import { createApprovedEvent, createOpenLetter } from "../support/optin-fixtures";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { adminUser, deliveriesOf, keyWithEndpoint, pendingRsvp, pendingSignature } from "../support/webhook-fixtures";

let receiver: WebhookReceiver;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "true";
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  await receiver.close();
});
beforeEach(async () => {
  // Each test starts with no endpoint left by another, so it sees only its own deliveries.
  await db.updateTable("webhook_endpoints").set({ enabled: 0 }).execute();
  receiver.received.length = 0;
  receiver.answers.length = 0;
});

const later = (ms: number) => () => new Date(Date.now() + ms);
const aThreat = async () => db.selectFrom("threats").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();

describe("webhook events and delivery", () => {
  it("a confirmed signature produces one signed delivery that the receiver verifies", async () => {
    const { endpointId, secret } = await keyWithEndpoint({
      url: `${receiver.url}/hooks/sign`,
      events: ["signature.confirmed"],
    });
    const letter = await createOpenLetter();
    const signature = await pendingSignature(letter.id);
    expect((await confirmSignature(signature.token)).ok).toBe(true);

    const rows = await deliveriesOf(endpointId);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe("pending");

    const result = await drainWebhooksOnce();
    expect(result.delivered).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const request = receiver.received[0];
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/hooks/sign");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["webhook-id"]).toBe(rows[0].message_id);
    const body = receiver.verify(request, secret) as {
      type: string;
      data: { signature: { id: number; name: string | null }; letter: { slug: string } };
    };
    expect(body.type).toBe("signature.confirmed");
    expect(body.data.signature.id).toBe(signature.id);
    expect(body.data.letter.slug).toBe(letter.slug);
    // Not listed publicly: no name; and never the e-mail address.
    expect(body.data.signature.name).toBeNull();
    expect(request.body).not.toContain(signature.email);
    expect(request.body).not.toContain("Ana Souza");
    // A wrong secret does not verify.
    expect(() => receiver.verify(request, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).toThrow();

    const [done] = await deliveriesOf(endpointId);
    expect(done).toMatchObject({ status: "delivered", attempts: 1, last_status_code: 200 });
    expect(done.delivered_at).not.toBeNull();
    // Nothing is due any more.
    expect((await drainWebhooksOnce()).delivered).toBe(0);
    expect(receiver.received).toHaveLength(1);
  });

  it("a 500 then a 200: retried after its backoff with the same message id, delivered once", async () => {
    const { endpointId, secret } = await keyWithEndpoint({ url: `${receiver.url}/retry`, events: ["threat.changed"] });
    const threat = await aThreat();
    const actor = await adminUser();
    await recordStep(actor, threat.id, { intent: "action", occurredOn: "2026-11-30", classification: "committee" });
    receiver.answers.push(500);

    const first = await drainWebhooksOnce({ random: () => 0 });
    expect(first).toMatchObject({ delivered: 0, retried: 1 });
    let [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_status_code: 500 });
    // 30 s with equal jitter at 0: 15 s from now; not due before.
    const wait = new Date(row.next_attempt_at).getTime() - Date.now();
    expect(wait).toBeGreaterThan(10_000);
    expect(wait).toBeLessThanOrEqual(15_000);
    expect((await drainWebhooksOnce()).retried + (await drainWebhooksOnce()).delivered).toBe(0);
    expect(receiver.received).toHaveLength(1);

    const second = await drainWebhooksOnce({ now: later(60_000) });
    expect(second.delivered).toBe(1);
    [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "delivered", attempts: 2, last_status_code: 200, last_error: null });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].headers["webhook-id"]).toBe(receiver.received[1].headers["webhook-id"]);
    const body = receiver.verify(receiver.received[1], secret) as {
      data: { change: string; threat: { id: number; stage: string } };
    };
    expect(body.data).toMatchObject({ change: "step_added", threat: { id: threat.id } });
    expect((await drainWebhooksOnce({ now: later(10 * 60_000) })).delivered).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });

  it("network errors and 429 are retried; a 4xx or a redirect fails at once and is not followed", async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/fail`, events: ["threat.changed"] });
    const threat = await aThreat();
    receiver.answers.push(429);
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    expect((await drainWebhooksOnce()).retried).toBe(1);

    receiver.answers.push(410);
    expect((await drainWebhooksOnce({ now: later(60_000) })).failed).toBe(1);
    let [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "failed", attempts: 2, last_status_code: 410 });

    receiver.answers.push(302);
    receiver.headersFor[302] = { location: `${receiver.url}/elsewhere` };
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    expect((await drainWebhooksOnce()).failed).toBe(1);
    row = (await deliveriesOf(endpointId))[1];
    expect(row).toMatchObject({ status: "failed", attempts: 1, last_status_code: 302 });
    expect(receiver.received.map((r) => r.path)).toEqual(["/fail", "/fail", "/fail"]);

    // Nobody listens on this port: a connection error, retried.
    const closed = await startWebhookReceiver();
    await closed.close();
    const down = await keyWithEndpoint({ url: `${closed.url}/down`, events: ["threat.changed"] });
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    const result = await drainWebhooksOnce();
    expect(result.retried).toBeGreaterThanOrEqual(1);
    const [downRow] = await deliveriesOf(down.endpointId);
    expect(downRow.status).toBe("pending");
    expect(downRow.last_error).toMatch(/ECONNREFUSED/);
  });

  it("a receiver that does not answer in time is retried later", async () => {
    const silent = http.createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    try {
      const { port } = silent.address() as AddressInfo;
      const { endpointId } = await keyWithEndpoint({
        url: `http://127.0.0.1:${port}/slow`,
        events: ["threat.changed"],
      });
      const threat = await aThreat();
      await db
        .transaction()
        .execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
      const started = Date.now();
      expect((await drainWebhooksOnce({ timeoutMs: 300 })).retried).toBe(1);
      expect(Date.now() - started).toBeLessThan(5_000);
      const [row] = await deliveriesOf(endpointId);
      expect(row).toMatchObject({ status: "pending", attempts: 1, last_status_code: null });
      expect(row.last_error).toMatch(/timed out after 300 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("gives up after the last attempt, and disables an endpoint after repeated failures", async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/broken`, events: ["threat.changed"] });
    const threat = await aThreat();
    for (let i = 0; i < DISABLE_AFTER; i++) {
      await db
        .transaction()
        .execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    }
    receiver.answers.push(...Array<number>(DISABLE_AFTER * 2).fill(503));
    await drainWebhooksOnce({ maxAttempts: 2 });
    await drainWebhooksOnce({ maxAttempts: 2, now: later(60 * 60_000) });
    const rows = await deliveriesOf(endpointId);
    expect(rows.map((r) => r.status)).toEqual(Array(DISABLE_AFTER).fill("failed"));
    const endpoint = await db
      .selectFrom("webhook_endpoints")
      .select(["enabled", "disabled_reason", "consecutive_failures"])
      .where("id", "=", endpointId)
      .executeTakeFirstOrThrow();
    expect(endpoint).toEqual({ enabled: 0, disabled_reason: "failures", consecutive_failures: DISABLE_AFTER });
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("entity_type", "=", "webhook_endpoint")
      .where("entity_id", "=", String(endpointId))
      .where("action", "=", "webhook.disable")
      .execute();
    expect(audit).toEqual([{ action: "webhook.disable", actor_user_id: null }]);
    // A disabled endpoint gets no new events.
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    expect(await deliveriesOf(endpointId)).toHaveLength(DISABLE_AFTER);
  });

  it("two workers draining at once deliver each message exactly once", async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/race`, events: ["threat.changed"] });
    const threat = await aThreat();
    const events = 40;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < events; i++) await enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString());
    });
    const [a, b] = await Promise.all([drainWebhooksOnce({ batchSize: 5 }), drainWebhooksOnce({ batchSize: 5 })]);
    expect(a.delivered + b.delivered).toBe(events);
    const ids = receiver.received.map((r) => String(r.headers["webhook-id"]));
    expect(ids).toHaveLength(events);
    expect(new Set(ids).size).toBe(events);
    const rows = await deliveriesOf(endpointId);
    expect(rows.every((r) => r.status === "delivered" && r.attempts === 1)).toBe(true);
  });

  it("a key without the resource gets no event about it; public threat events still come", async () => {
    const { endpointId } = await keyWithEndpoint({
      url: `${receiver.url}/scoped`,
      events: ["signature.confirmed", "rsvp.confirmed", "letter.sent", "threat.changed"],
      resources: [],
    });
    const full = await keyWithEndpoint({
      url: `${receiver.url}/full`,
      events: ["signature.confirmed", "rsvp.confirmed", "letter.sent"],
    });
    const letter = await createOpenLetter();
    const signature = await pendingSignature(letter.id);
    expect((await confirmSignature(signature.token)).ok).toBe(true);
    const event = await createApprovedEvent();
    const rsvp = await pendingRsvp(event.id);
    expect((await confirmRsvp(rsvp.token)).ok).toBe(true);
    const fixture = await createLetters(db, { letters: 2 });
    await db.transaction().execute((trx) =>
      moveLettersForOutbox(
        trx,
        fixture.outboxIds.map((outboxId) => ({ outboxId: Number(outboxId), sent: true, providerId: `re_${outboxId}` })),
        new Date().toISOString(),
      ),
    );
    await recordStep(await adminUser(), (await aThreat()).id, {
      intent: "action",
      occurredOn: "2026-12-01",
      classification: "passed_chamber",
    });

    expect((await deliveriesOf(endpointId)).map((r) => r.event_type)).toEqual(["threat.changed"]);
    const fullTypes = (await deliveriesOf(full.endpointId)).map((r) => r.event_type);
    expect(fullTypes).toEqual(["signature.confirmed", "rsvp.confirmed", "letter.sent", "letter.sent"]);
    const rsvpBody = JSON.parse((await deliveriesOf(full.endpointId))[1].payload) as { data: unknown };
    expect(JSON.stringify(rsvpBody)).not.toContain(rsvp.email);
    expect(JSON.stringify(rsvpBody)).not.toContain("Wanjiru");
    // A revoked key's endpoints hear nothing more.
    const { revokeApiKey } = await import("../../app/features/api-keys/keys.server");
    await revokeApiKey(await adminUser(), full.keyId);
    const again = await pendingSignature(letter.id);
    expect((await confirmSignature(again.token)).ok).toBe(true);
    expect(await deliveriesOf(full.endpointId)).toHaveLength(4);
  });

  it("a change that rolls back leaves no delivery row", async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/rollback`, events: ["threat.changed"] });
    const actor = await adminUser();
    const input = {
      jurisdiction: "FR",
      kind: "bill" as const,
      title: "Rolled back threat",
      categories: ["encryption" as const],
      severity: "high" as const,
      firstSeenOn: "2026-11-01",
      sources: [],
    };
    await expect(
      db.transaction().execute(async (trx) => {
        await insertThreat(trx, actor, input);
        expect(
          await trx.selectFrom("webhook_outbox").select("id").where("endpoint_id", "=", endpointId).execute(),
        ).toHaveLength(1);
        throw new Error("the change fails after the event was written");
      }),
    ).rejects.toThrow("the change fails");
    expect(await deliveriesOf(endpointId)).toHaveLength(0);
    // The same change committed writes exactly one.
    await db.transaction().execute((trx) => insertThreat(trx, actor, { ...input, title: "Committed threat" }));
    const rows = await deliveriesOf(endpointId);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].payload)).toMatchObject({ type: "threat.changed", data: { change: "created" } });
  });
});

describe("the address check at delivery time", () => {
  it("connects to the address it checked, not to a second lookup of the name", async () => {
    const { endpointId } = await keyWithEndpoint({
      url: `http://127.0.0.1:${receiver.port}/pinned`,
      events: ["threat.changed"],
    });
    // The stored URL names a host no resolver knows but the check's: the request still arrives.
    await db
      .updateTable("webhook_endpoints")
      .set({ url: `http://hooks.webhook-test.invalid:${receiver.port}/pinned` })
      .where("id", "=", endpointId)
      .execute();
    const threat = await aThreat();
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    const result = await drainWebhooksOnce({
      guard: { allowPrivate: true, resolve: async () => [{ address: "127.0.0.1", family: 4 }] },
    });
    expect(result.delivered).toBe(1);
    expect(receiver.received[0].headers.host).toBe(`hooks.webhook-test.invalid:${receiver.port}`);
  });

  it("refuses a name that now resolves to a private address (DNS rebinding), without connecting", async () => {
    const { endpointId } = await keyWithEndpoint({ url: `${receiver.url}/rebind`, events: ["threat.changed"] });
    await db
      .updateTable("webhook_endpoints")
      .set({ url: `https://rebind.webhook-test.invalid:${receiver.port}/rebind` })
      .where("id", "=", endpointId)
      .execute();
    const threat = await aThreat();
    await db.transaction().execute((trx) => enqueueThreatChanged(trx, threat.id, "created", new Date().toISOString()));
    const result = await drainWebhooksOnce({
      guard: { allowPrivate: false, resolve: async () => [{ address: "127.0.0.1", family: 4 }] },
    });
    expect(result.failed).toBe(1);
    const [row] = await deliveriesOf(endpointId);
    expect(row).toMatchObject({ status: "failed", last_error: "address refused: private", last_status_code: null });
    expect(receiver.received).toHaveLength(0);
  });
});
