import { Resend } from "resend";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import {
  getOutboxMessage,
  listOutbox,
  outboxCounts,
  queueEmail,
  retryOutboxMessage,
} from "~/features/email/outbox.server";
import { drainOutboxOnce, startOutboxWorker } from "~/features/email/worker.server";
import { startResendServer, type ResendServer } from "../support/resend-server";

let server: ResendServer;
// Idempotency keys are unique forever in production; the fake server remembers them across tests.
let testRun = 0;
const T0 = new Date("2030-01-01T12:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  server = await startResendServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  testRun++;
  await db.deleteFrom("outbox").execute();
  server.sent.length = 0;
  server.requests.length = 0;
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = server.url;
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
});

const invitationProps = {
  inviterName: "Ada Lovelace",
  roleLabel: "chapter lead",
  scopeLabel: "Kenya chapter",
  acceptUrl: "https://hub.example.org/invitations/accept?token=abc",
  expiresAt: "2030-10-21T09:30:00.000Z",
};

/** Queues `count` password-reset mails due now (T0 is in the future, so they are all due). */
async function queueResets(count: number, to = (i: number) => `person${i}@example.org`): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await queueEmail(db, {
        template: "password-reset",
        to: to(i),
        locale: "en",
        props: { name: `Person ${i}`, resetUrl: `https://hub.example.org/reset?token=${i}`, expiresInMinutes: 30 },
        idempotencyKey: `password-reset:${testRun}:${i}`,
      }),
    );
  }
  return ids;
}

const batchRequests = () => server.requests.filter((r) => r.method === "POST" && r.path === "/emails/batch");
const outboxIdsIn = (body: unknown): string[] =>
  (body as Array<{ tags: Array<{ value: string }> }>).map((email) => email.tags[0].value);
const sentCountByOutboxId = () => {
  const counts = new Map<string, number>();
  for (const email of server.sent) {
    const id = email.tags.find((tag) => tag.name === "outbox_id")?.value ?? "?";
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
};

describe("queueEmail", () => {
  it("renders the template in the recipient's language", async () => {
    const enId = await queueEmail(db, {
      template: "invitation",
      to: "ada@example.org",
      locale: "en",
      props: invitationProps,
      idempotencyKey: "invitation:en",
    });
    const frId = await queueEmail(db, {
      template: "invitation",
      to: "ada@example.fr",
      locale: "fr",
      props: invitationProps,
      idempotencyKey: "invitation:fr",
      replyTo: "staff@example.org",
    });
    const en = await getOutboxMessage(enId);
    const fr = await getOutboxMessage(frId);

    expect(en).toMatchObject({
      status: "pending",
      template: "invitation",
      locale: "en",
      to_address: "ada@example.org",
    });
    expect(en?.subject).toBe("Ada Lovelace invited you to the Encryption Advocacy Hub");
    expect(en?.html).toContain('lang="en"');
    expect(en?.html).toContain("Accept the invitation");
    expect(en?.html).toContain('href="https://hub.example.org/invitations/accept?token=abc"');
    expect(en?.text).toContain("as chapter lead for Kenya chapter");
    expect(en?.text).toContain("October 21, 2030");

    expect(fr?.subject).toBe("Ada Lovelace vous invite à rejoindre le Encryption Advocacy Hub");
    expect(fr?.html).toContain('lang="fr"');
    expect(fr?.html).toContain("Accepter l’invitation");
    expect(fr?.text).toContain("en tant que chapter lead pour Kenya chapter");
    expect(fr?.text).toContain("21 octobre 2030");
    expect(fr?.reply_to).toBe("staff@example.org");
    expect(fr?.from_address).toBe("Encryption Advocacy Hub <hub@example.org>");
  });

  it("pluralises and translates the password reset mail", async () => {
    const id = await queueEmail(db, {
      template: "password-reset",
      to: "grace@example.fr",
      locale: "fr",
      props: { name: "Grace", resetUrl: "https://hub.example.org/reset?token=x", expiresInMinutes: 1 },
      idempotencyKey: "password-reset:fr",
    });
    const row = await getOutboxMessage(id);
    expect(row?.subject).toBe("Réinitialisez votre mot de passe");
    expect(row?.text).toContain("Bonjour Grace,");
    expect(row?.text).toContain("expire dans 1 minute et");
  });

  it("escapes names typed by users", async () => {
    const id = await queueEmail(db, {
      template: "invitation",
      to: "victim@example.org",
      locale: "en",
      props: {
        ...invitationProps,
        inviterName: "<script>alert(1)</script>",
        scopeLabel: '"><img src=x onerror=alert(2)>',
      },
      idempotencyKey: "invitation:hostile",
    });
    const row = await getOutboxMessage(id);
    expect(row?.html).not.toContain("<script>");
    expect(row?.html).not.toContain("<img");
    expect(row?.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(row?.subject).toBe("<script>alert(1)</script> invited you to the Encryption Advocacy Hub");
  });

  it("queues one row per idempotency key and writes in the caller's transaction", async () => {
    const input = {
      template: "password-reset" as const,
      to: "grace@example.org",
      locale: "en",
      props: { name: "Grace", resetUrl: "https://hub.example.org/reset?token=y", expiresInMinutes: 30 },
      idempotencyKey: "password-reset:dedupe",
    };
    const first = await queueEmail(db, input);
    const second = await queueEmail(db, { ...input, to: "other@example.org" });
    expect(second).toBe(first);
    expect(await outboxCounts()).toEqual({ pending: 1, sending: 0, sent: 0, failed: 0 });
    expect((await getOutboxMessage(first))?.to_address).toBe("grace@example.org");

    await expect(
      db.transaction().execute(async (trx) => {
        await queueEmail(trx, { ...input, idempotencyKey: "password-reset:rolled-back" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await listOutbox({ page: 1, perPage: 10 })).total).toBe(1);
  });

  it("refuses line breaks in addresses", async () => {
    const base = {
      template: "password-reset" as const,
      locale: "en",
      props: { name: "Mallory", resetUrl: "https://hub.example.org/reset?token=z", expiresInMinutes: 30 },
    };
    await expect(
      queueEmail(db, { ...base, to: "a@example.org\r\nBcc: all@example.org", idempotencyKey: "crlf:1" }),
    ).rejects.toThrow(/line breaks/);
    await expect(
      queueEmail(db, { ...base, to: "a@example.org\nBcc: all@example.org", idempotencyKey: "crlf:2" }),
    ).rejects.toThrow(/line breaks/);
    await expect(
      queueEmail(db, { ...base, to: "a@example.org", replyTo: "b@example.org\rX: y", idempotencyKey: "crlf:3" }),
    ).rejects.toThrow(/line breaks/);
    expect((await listOutbox({ page: 1, perPage: 10 })).total).toBe(0);
  });
});

describe("drainOutboxOnce", () => {
  it("sends 250 rows in three batches and records provider ids", async () => {
    const ids = await queueResets(250);
    const result = await drainOutboxOnce({ now: T0, batchSize: 100 });
    expect(result).toEqual({ sent: 250, retried: 0, failed: 0, skipped: false });

    const batches = batchRequests();
    expect(batches.map((r) => (r.body as unknown[]).length)).toEqual([100, 100, 50]);
    expect(new Set(batches.map((r) => r.idempotencyKey)).size).toBe(3);
    expect(server.sent).toHaveLength(250);

    const providerIdByOutboxId = new Map(server.sent.map((e) => [e.tags[0].value, e.id]));
    const rows = await db.selectFrom("outbox").selectAll().where("id", "in", ids).execute();
    for (const row of rows) {
      expect(row.status).toBe("sent");
      expect(row.attempts).toBe(1);
      expect(row.sent_at).toBe(T0.toISOString());
      expect(row.provider_id).toBe(providerIdByOutboxId.get(String(row.id)));
    }
    const one = server.sent.find((e) => e.tags[0].value === String(ids[7]));
    expect(one).toMatchObject({ to: ["person7@example.org"], subject: "Reset your password" });
    expect(one?.text).toContain("Hello Person 7,");
    expect(await outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 250, failed: 0 });
  });

  it("honours retry-after on 429, then sends on a later drain", async () => {
    const ids = await queueResets(3);
    server.failNext(429, { retryAfter: 7 });
    expect(await drainOutboxOnce({ now: T0 })).toEqual({ sent: 0, retried: 3, failed: 0, skipped: false });
    for (const id of ids) {
      const row = await getOutboxMessage(id);
      expect(row).toMatchObject({ status: "pending", attempts: 0, next_attempt_at: at(7_000).toISOString() });
      expect(row?.last_error).toContain("429");
    }

    expect(await drainOutboxOnce({ now: at(6_999) })).toMatchObject({ sent: 0, retried: 0 });
    expect(batchRequests()).toHaveLength(1);
    expect(await drainOutboxOnce({ now: at(7_000) })).toMatchObject({ sent: 3, retried: 0 });
    expect(server.sent).toHaveLength(3);
    expect((await getOutboxMessage(ids[0]))?.status).toBe("sent");
  });

  it("stops the drain at a 429 instead of hammering the API", async () => {
    await queueResets(120);
    server.failNext(429, { retryAfter: 2 });
    expect(await drainOutboxOnce({ now: T0, batchSize: 50 })).toMatchObject({ sent: 0, retried: 50 });
    expect(batchRequests()).toHaveLength(1);
    expect(await outboxCounts()).toEqual({ pending: 120, sending: 0, sent: 0, failed: 0 });
  });

  it("backs off exponentially on 5xx", async () => {
    const [id] = await queueResets(1);
    server.failNext(500);
    expect(await drainOutboxOnce({ now: T0 })).toMatchObject({ retried: 1, sent: 0 });
    const first = await getOutboxMessage(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1 });
    expect(first?.last_error).toContain("500");
    const firstDelay = Date.parse(first?.next_attempt_at ?? "") - T0.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(15_000);
    expect(firstDelay).toBeLessThanOrEqual(30_000);

    server.failNext(500);
    const second = at(firstDelay);
    expect(await drainOutboxOnce({ now: second })).toMatchObject({ retried: 1 });
    const again = await getOutboxMessage(id);
    const secondDelay = Date.parse(again?.next_attempt_at ?? "") - second.getTime();
    expect(again?.attempts).toBe(2);
    expect(secondDelay).toBeGreaterThanOrEqual(30_000);
    expect(secondDelay).toBeLessThanOrEqual(60_000);

    expect(await drainOutboxOnce({ now: at(firstDelay + secondDelay) })).toMatchObject({ sent: 1 });
    expect(await getOutboxMessage(id)).toMatchObject({ status: "sent", attempts: 3 });
    expect(server.sent).toHaveLength(1);
  });

  it("dead-letters a row after maxAttempts, and staff can retry it", async () => {
    const [id] = await queueResets(1);
    server.failNext(500, { times: 10 });
    const hour = 60 * 60_000;
    expect(await drainOutboxOnce({ now: T0, maxAttempts: 3 })).toMatchObject({ retried: 1, failed: 0 });
    expect(await drainOutboxOnce({ now: at(hour), maxAttempts: 3 })).toMatchObject({ retried: 1, failed: 0 });
    expect(await drainOutboxOnce({ now: at(2 * hour), maxAttempts: 3 })).toMatchObject({ retried: 0, failed: 1 });
    const dead = await getOutboxMessage(id);
    expect(dead).toMatchObject({ status: "failed", attempts: 3 });
    expect(dead?.last_error).toContain("500");
    expect(await drainOutboxOnce({ now: at(10 * hour), maxAttempts: 3 })).toMatchObject({ sent: 0, failed: 0 });
    expect(batchRequests()).toHaveLength(3);

    const listed = await listOutbox({ status: "failed", page: 1, perPage: 20 });
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({ id, status: "failed", attempts: 3 });
    expect(await listOutbox({ status: "pending", page: 1, perPage: 20 })).toEqual({ rows: [], total: 0 });

    server.failNext(500, { times: 0 }); // cancel the remaining failures
    expect(await retryOutboxMessage(id)).toBe(true);
    expect(await retryOutboxMessage(id)).toBe(false); // no longer failed
    expect(await getOutboxMessage(id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await drainOutboxOnce()).toMatchObject({ sent: 1 });
    expect(server.sent).toHaveLength(1);
  });

  it("fails only the rows Resend rejects in a batch", async () => {
    const ids = await queueResets(3, (i) => (i === 1 ? "not-an-address" : `person${i}@example.org`));
    expect(await drainOutboxOnce({ now: T0 })).toEqual({ sent: 2, retried: 0, failed: 1, skipped: false });
    expect((await getOutboxMessage(ids[0]))?.provider_id).toBe(server.sent[0].id);
    expect((await getOutboxMessage(ids[2]))?.provider_id).toBe(server.sent[1].id);
    const rejected = await getOutboxMessage(ids[1]);
    expect(rejected).toMatchObject({ status: "failed", provider_id: null });
    expect(rejected?.last_error).toContain("to");
  });

  it("sends each row exactly once when two drains run at the same time", async () => {
    const ids = await queueResets(150);
    server.delayNext(50);
    const [a, b] = await Promise.all([
      drainOutboxOnce({ now: T0, batchSize: 50 }),
      drainOutboxOnce({ now: T0, batchSize: 50 }),
    ]);
    expect(a.sent + b.sent).toBe(150);
    // The first response is delayed, so the other drain really did work in the meantime.
    expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);

    const perRow = sentCountByOutboxId();
    expect(perRow.size).toBe(150);
    expect([...perRow.values()].every((n) => n === 1)).toBe(true);
    // Not even a deduplicated duplicate request: every row went out in exactly one request.
    const requested = batchRequests().flatMap((r) => outboxIdsIn(r.body));
    expect(requested.sort()).toEqual(ids.map(String).sort());
    expect(await outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 150, failed: 0 });
  });

  it("sends nothing without RESEND_API_KEY", async () => {
    delete process.env.RESEND_API_KEY;
    const ids = await queueResets(2);
    expect(await drainOutboxOnce({ now: T0 })).toEqual({ sent: 0, retried: 0, failed: 0, skipped: true });
    expect(server.requests).toHaveLength(0);
    for (const id of ids) expect(await getOutboxMessage(id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("startOutboxWorker", () => {
  it("drains periodically and stop() waits for the tick in flight", async () => {
    await queueResets(2);
    server.delayNext(200);
    const worker = startOutboxWorker({ intervalMs: 10 });
    await expect.poll(() => batchRequests().length, { timeout: 5_000 }).toBe(1);
    await worker.stop();
    expect(await outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0 });

    await queueEmail(db, {
      template: "password-reset",
      to: "late@example.org",
      locale: "en",
      props: { name: "Late", resetUrl: "https://hub.example.org/reset?token=late", expiresInMinutes: 30 },
      idempotencyKey: `password-reset:${testRun}:late`,
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batchRequests()).toHaveLength(1);
    expect((await outboxCounts()).pending).toBe(1);
  });
});

describe("local Resend server", () => {
  it("requires a bearer token and replays idempotent requests", async () => {
    const unauthorised = await fetch(`${server.url}/emails`, { method: "POST", body: "{}" });
    expect(unauthorised.status).toBe(401);

    const resend = new Resend("re_test_key");
    const email = { from: "hub@example.org", to: "a@example.org", subject: "Hi", text: "Hello" };
    const first = await resend.emails.send(email, { idempotencyKey: "k1" });
    const replay = await resend.emails.send(email, { idempotencyKey: "k1" });
    expect(replay.data?.id).toBe(first.data?.id);
    expect(server.sent).toHaveLength(1);

    const conflict = await resend.emails.send({ ...email, subject: "Other" }, { idempotencyKey: "k1" });
    expect(conflict.error?.statusCode).toBe(409);
    const invalid = await resend.emails.send({ ...email, subject: "" });
    expect(invalid.error).toMatchObject({ statusCode: 422, name: "validation_error" });

    const fetched = await resend.emails.get(first.data?.id ?? "");
    expect(fetched.data).toMatchObject({ id: first.data?.id, subject: "Hi", to: ["a@example.org"] });
  });
});
