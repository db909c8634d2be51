/**
 * The Resend webhook through the real HTTP stack (Express, the cross-site check, the built route):
 * Svix signatures computed here independently of the library the app verifies with.
 */
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { startTestServer, type TestServer } from "../support/app-server";
import { createLetters, lettersById } from "../support/letters-factory";

const SECRET = `whsec_${crypto.randomBytes(24).toString("base64")}`;
const OTHER_SECRET = `whsec_${crypto.randomBytes(24).toString("base64")}`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
});
afterEach(() => {
  delete process.env.RESEND_WEBHOOK_SECRET;
});

function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

interface EventInput {
  type: string;
  emailId: string;
  outboxId?: number | null;
  tagsAsRecord?: boolean;
}

function eventBody({ type, emailId, outboxId, tagsAsRecord }: EventInput): string {
  const tags =
    outboxId === undefined || outboxId === null
      ? undefined
      : tagsAsRecord
        ? { outbox_id: String(outboxId) }
        : [{ name: "outbox_id", value: String(outboxId) }];
  return JSON.stringify({
    type,
    created_at: new Date().toISOString(),
    data: {
      created_at: new Date().toISOString(),
      email_id: emailId,
      from: "Letters to lawmakers <letters@example.org>",
      to: ["mp@parliament.example"],
      subject: "Protect encryption",
      ...(tags ? { tags } : {}),
      ...(type === "email.bounced" ? { bounce: { message: "mailbox does not exist", type: "Permanent" } } : {}),
    },
  });
}

interface PostOptions {
  secret?: string;
  id?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  tamper?: (body: string) => string;
}

/** A server-to-server POST: no Origin, no cookies, as Resend sends it. */
async function post(body: string, options: PostOptions = {}) {
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = options.headers ?? {
    "svix-id": id,
    "svix-timestamp": String(timestamp),
    "svix-signature": sign(options.secret ?? SECRET, id, timestamp, body),
  };
  const response = await fetch(`${server.url}/webhooks/resend`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": "Svix-Webhooks/1.0", ...headers },
    body: options.tamper ? options.tamper(body) : body,
  });
  return { status: response.status, text: await response.text(), id };
}

const eventCount = async (letterId: number) =>
  Number(
    (
      await db
        .selectFrom("campaign_letter_events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("letter_id", "=", letterId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const deliveries = async () =>
  Number(
    (
      await db
        .selectFrom("webhook_deliveries")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function sentLetter() {
  const fixture = await createLetters(db, { letters: 1, status: "sent" });
  return { id: fixture.letterIds[0], providerId: fixture.providerIds[0] ?? "", outboxId: fixture.outboxIds[0] ?? 0 };
}

describe("POST /webhooks/resend: signature", () => {
  it("accepts a signed delivery without Origin and moves the letter to delivered", async () => {
    const letter = await sentLetter();
    const answer = await post(eventBody({ type: "email.delivered", emailId: letter.providerId }));
    expect(answer.status).toBe(200);
    const [row] = await lettersById(db, [letter.id]);
    expect(row.status).toBe("delivered");
    const events = await db
      .selectFrom("campaign_letter_events")
      .selectAll()
      .where("letter_id", "=", letter.id)
      .orderBy("id")
      .execute();
    expect(events.at(-1)).toMatchObject({ from_status: "sent", to_status: "delivered" });
    expect(events.at(-1)?.detail).toBe(`webhook email.delivered ${answer.id}`);
    expect(await db.selectFrom("webhook_deliveries").selectAll().where("id", "=", answer.id).execute()).toHaveLength(1);
  });

  const refusals: Array<[string, (body: string) => PostOptions]> = [
    ["unsigned", () => ({ headers: {} })],
    ["signed with another secret", () => ({ secret: OTHER_SECRET })],
    ["with a stale timestamp (10 minutes old)", () => ({ timestamp: Math.floor(Date.now() / 1000) - 600 })],
    ["with a timestamp 10 minutes ahead", () => ({ timestamp: Math.floor(Date.now() / 1000) + 600 })],
    ["with a tampered body", () => ({ tamper: (b) => b.replace("email.delivered", "email.bounced") })],
    [
      "with a signature over another id",
      () => {
        const ts = Math.floor(Date.now() / 1000);
        return { headers: { "svix-id": "msg_a", "svix-timestamp": String(ts), "svix-signature": "v1,AAAA" } };
      },
    ],
    [
      "with a garbage signature header",
      () => ({ headers: { "svix-id": "x", "svix-timestamp": "y", "svix-signature": "z" } }),
    ],
  ];
  for (const [name, options] of refusals) {
    it(`refuses a request ${name} with 401 and changes nothing`, async () => {
      const letter = await sentLetter();
      const before = { events: await eventCount(letter.id), deliveries: await deliveries() };
      const body = eventBody({ type: "email.delivered", emailId: letter.providerId });
      const answer = await post(body, options(body));
      expect(answer.status).toBe(401);
      const [row] = await lettersById(db, [letter.id]);
      expect(row.status).toBe("sent");
      expect(await eventCount(letter.id)).toBe(before.events);
      expect(await deliveries()).toBe(before.deliveries);
    });
  }

  it("answers 401 to everything while no secret is configured", async () => {
    delete process.env.RESEND_WEBHOOK_SECRET;
    const letter = await sentLetter();
    const answer = await post(eventBody({ type: "email.delivered", emailId: letter.providerId }));
    expect(answer.status).toBe(401);
    expect((await lettersById(db, [letter.id]))[0].status).toBe("sent");
  });

  it("refuses a body over 256 kB with 413, and GET with 405", async () => {
    const letter = await sentLetter();
    const huge = eventBody({ type: "email.delivered", emailId: letter.providerId }).replace(
      '"subject":"Protect encryption"',
      `"subject":"${"x".repeat(300 * 1024)}"`,
    );
    expect((await post(huge)).status).toBe(413);
    expect((await lettersById(db, [letter.id]))[0].status).toBe("sent");
    expect((await fetch(`${server.url}/webhooks/resend`)).status).toBe(405);
  });
});

describe("POST /webhooks/resend: events", () => {
  it("ignores a replay of the same svix-id: one event, one transition", async () => {
    const letter = await sentLetter();
    const id = `msg_${crypto.randomUUID()}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const body = eventBody({ type: "email.bounced", emailId: letter.providerId });
    expect((await post(body, { id, timestamp })).status).toBe(200);
    const events = await eventCount(letter.id);
    const replay = await post(body, { id, timestamp });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe("Already processed.");
    expect(await eventCount(letter.id)).toBe(events);
    expect(await db.selectFrom("webhook_deliveries").selectAll().where("id", "=", id).execute()).toHaveLength(1);
  });

  it("marks a bounce as bounced, before or after delivery", async () => {
    const first = await sentLetter();
    expect((await post(eventBody({ type: "email.bounced", emailId: first.providerId }))).status).toBe(200);
    const second = await sentLetter();
    await post(eventBody({ type: "email.delivered", emailId: second.providerId }));
    await post(eventBody({ type: "email.bounced", emailId: second.providerId }));
    const rows = await lettersById(db, [first.id, second.id]);
    expect(rows.map((r) => r.status)).toEqual(["bounced", "bounced"]);
    // bounced is final: a later delivery report changes nothing
    await post(eventBody({ type: "email.delivered", emailId: first.providerId }));
    expect((await lettersById(db, [first.id]))[0].status).toBe("bounced");
  });

  it("counts a suppressed address as a bounce", async () => {
    const letter = await sentLetter();
    expect((await post(eventBody({ type: "email.suppressed", emailId: letter.providerId }))).status).toBe(200);
    expect((await lettersById(db, [letter.id]))[0].status).toBe("bounced");
  });

  it("marks a letter Resend could not send as failed", async () => {
    const letter = await sentLetter();
    expect((await post(eventBody({ type: "email.failed", emailId: letter.providerId }))).status).toBe(200);
    expect((await lettersById(db, [letter.id]))[0].status).toBe("failed");
  });

  it("counts a complaint as a bounce before delivery, and only logs it after", async () => {
    const early = await sentLetter();
    const late = await sentLetter();
    await post(eventBody({ type: "email.delivered", emailId: late.providerId }));
    const lateEvents = await eventCount(late.id);
    await post(eventBody({ type: "email.complained", emailId: early.providerId }));
    await post(eventBody({ type: "email.complained", emailId: late.providerId }));
    const rows = await lettersById(db, [early.id, late.id]);
    expect(rows.map((r) => r.status)).toEqual(["bounced", "delivered"]);
    expect(await eventCount(late.id)).toBe(lateEvents);
  });

  it("leaves the letter alone on delivery_delayed and email.sent once it is sent", async () => {
    const letter = await sentLetter();
    const events = await eventCount(letter.id);
    await post(eventBody({ type: "email.delivery_delayed", emailId: letter.providerId }));
    await post(eventBody({ type: "email.sent", emailId: letter.providerId }));
    expect((await lettersById(db, [letter.id]))[0].status).toBe("sent");
    expect(await eventCount(letter.id)).toBe(events);
  });

  it("finds the letter through its outbox row's provider id or the outbox_id tag", async () => {
    const viaOutbox = await sentLetter();
    await db.updateTable("campaign_letters").set({ provider_id: null }).where("id", "=", viaOutbox.id).execute();
    await post(eventBody({ type: "email.delivered", emailId: viaOutbox.providerId }));

    // The worker could not attribute ids (no provider id anywhere): the tag names the outbox row.
    const viaTag = await sentLetter();
    await db.updateTable("campaign_letters").set({ provider_id: null }).where("id", "=", viaTag.id).execute();
    await db.updateTable("outbox").set({ provider_id: null }).where("id", "=", viaTag.outboxId).execute();
    await post(
      eventBody({ type: "email.bounced", emailId: "re_unknown_to_us", outboxId: viaTag.outboxId, tagsAsRecord: true }),
    );

    const rows = await lettersById(db, [viaOutbox.id, viaTag.id]);
    expect(rows.map((r) => r.status)).toEqual(["delivered", "bounced"]);
    expect(rows[1].provider_id).toBe("re_unknown_to_us");
  });

  it("moves a letter still queued (the event overtook the worker) through sent", async () => {
    const fixture = await createLetters(db, { letters: 1, status: "queued" });
    const [letterId] = fixture.letterIds;
    await post(eventBody({ type: "email.delivered", emailId: "re_fast", outboxId: fixture.outboxIds[0] }));
    const [row] = await lettersById(db, [letterId]);
    expect(row).toMatchObject({ status: "delivered", provider_id: "re_fast" });
    const moves = await db
      .selectFrom("campaign_letter_events")
      .select(["from_status", "to_status"])
      .where("letter_id", "=", letterId)
      .orderBy("id")
      .execute();
    expect(moves).toEqual([
      { from_status: null, to_status: "queued" },
      { from_status: "queued", to_status: "sent" },
      { from_status: "sent", to_status: "delivered" },
    ]);
  });

  it("answers 200 and changes nothing for an unknown e-mail id or an event type it does not handle", async () => {
    const before = await deliveries();
    const unknown = await post(eventBody({ type: "email.delivered", emailId: "re_not_ours", outboxId: 999_999 }));
    expect(unknown).toMatchObject({ status: 200, text: "No matching letter." });
    const letter = await sentLetter();
    const opened = await post(eventBody({ type: "email.opened", emailId: letter.providerId }));
    expect(opened.status).toBe(200);
    const domain = await post(JSON.stringify({ type: "domain.updated", data: { id: "d_1", name: "example.org" } }));
    expect(domain.status).toBe(200);
    expect(await deliveries()).toBe(before);
    expect((await lettersById(db, [letter.id]))[0].status).toBe("sent");
  });
});
