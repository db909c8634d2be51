/**
 * The staff mailbox hides every link whose token acts for its recipient (confirm or withdraw a
 * signature, confirm an RSVP, letters to lawmakers or a coalition application), as it hides
 * invitations and password resets: staff never read them; administrators only in the development
 * mailbox (no provider configured).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueEmail, type EmailTemplateName, type QueueEmailInput } from "../../app/features/email/outbox.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let admin: Client;
const BASE = "http://localhost:3000";

let seq = 0;
function token(): string {
  return `tok${Date.now().toString(36)}x${++seq}qwertyuiop`;
}

async function queue<N extends EmailTemplateName>(
  input: Omit<QueueEmailInput<N>, "to" | "locale" | "idempotencyKey" | "unsolicited">,
): Promise<number> {
  return queueEmail(db, {
    ...input,
    to: `someone-${++seq}@example.net`,
    locale: "en",
    idempotencyKey: `mailbox-links:${seq}:${Date.now()}`,
  } as QueueEmailInput<N> & { unsolicited?: false });
}

interface Case {
  label: string;
  notice: string;
  queue(tokens: string[]): Promise<number>;
  tokens: number;
}

const CASES: Case[] = [
  {
    label: "a signature confirmation (with its withdrawal link)",
    notice: "a signature confirmation and a signature withdrawal",
    tokens: 2,
    queue: ([confirm, withdraw]) =>
      queue({
        template: "signature-confirm",
        props: {
          name: "Ana",
          letterTitle: "Keep encryption",
          confirmUrl: `${BASE}/letters/confirm?token=${confirm}`,
          withdrawUrl: `${BASE}/letters/withdraw?token=${withdraw}`,
        },
      }),
  },
  {
    label: "a reminder with a withdrawal link",
    notice: "a signature withdrawal",
    tokens: 1,
    queue: ([withdraw]) =>
      queue({
        template: "signature-reminder",
        props: {
          name: "Ana",
          letterTitle: "Keep encryption",
          state: "confirmed",
          confirmUrl: "",
          withdrawUrl: `${BASE}/letters/withdraw?token=${withdraw}`,
        },
      }),
  },
  {
    label: "an RSVP confirmation",
    notice: "an RSVP confirmation",
    tokens: 1,
    queue: ([confirm]) =>
      queue({
        template: "rsvp-confirm",
        props: {
          name: "Ana",
          eventTitle: "Crypto party",
          when: "21 October",
          confirmUrl: `${BASE}/events/rsvp/confirm?token=${confirm}`,
        },
      }),
  },
  {
    label: "a confirmation of letters to lawmakers",
    notice: "a confirmation of letters to lawmakers",
    tokens: 1,
    queue: ([confirm]) =>
      queue({
        template: "campaign-confirm",
        props: {
          name: "Ana",
          campaignTitle: "No to EARN IT",
          lawmakers: ["Alex Rivera"],
          confirmUrl: `${BASE}/campaigns/confirm?token=${confirm}`,
        },
      }),
  },
  {
    label: "a coalition application confirmation",
    notice: "a coalition application confirmation",
    tokens: 1,
    queue: ([confirm]) =>
      queue({
        template: "application-confirm",
        props: {
          name: "Ana",
          organisation: "Coding Rights",
          confirmUrl: `${BASE}/coalition/apply/confirm?token=${confirm}`,
          expiresAt: "2026-12-09T12:00:00.000Z",
        },
      }),
  },
];

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.62.0.1");
  admin = new Client(server.url, "10.62.0.2");
  await staff.login(DEMO.staff);
  await admin.login(DEMO.admin);
});
afterAll(() => server.close());

describe("token-bearing links in the staff mailbox", () => {
  for (const c of CASES) {
    it(`hides ${c.label} from staff; administrators read it only without a provider`, async () => {
      const tokens = Array.from({ length: c.tokens }, token);
      const id = await c.queue(tokens);
      const stored = await db.selectFrom("outbox").select("text").where("id", "=", id).executeTakeFirstOrThrow();
      for (const t of tokens) expect(stored.text).toContain(t);

      const page = await (await staff.get(`/staff/mail/${id}`)).text();
      expect(page).toContain(`This message carries a private link (${c.notice})`);
      for (const t of tokens) expect(page).not.toContain(t);
      expect((await staff.get(`/staff/mail/${id}/html`)).status).toBe(404);

      const adminPage = await (await admin.get(`/staff/mail/${id}`)).text();
      for (const t of tokens) expect(adminPage).toContain(t);
      expect(await (await admin.get(`/staff/mail/${id}/html`)).text()).toContain(tokens[0]);

      process.env.RESEND_API_KEY = "re_test_key";
      try {
        const live = await (await admin.get(`/staff/mail/${id}`)).text();
        for (const t of tokens) expect(live).not.toContain(t);
        expect((await admin.get(`/staff/mail/${id}/html`)).status).toBe(404);
      } finally {
        delete process.env.RESEND_API_KEY;
      }
    });
  }
});
