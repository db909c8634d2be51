/**
 * The staff inbox: each review queue's count and oldest item against known fixtures, the page at
 * /staff (staff only), the navigation badge (staff only) and the digest opt-out on /account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffInbox, waitingTotal } from "~/features/staff-inbox/inbox.server";
import { waitingDays } from "~/lib/waiting";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import {
  EXPECTED,
  EXPECTED_TOTAL,
  T,
  emptyQueues,
  fillQueues,
  insertPendingMemberChange,
} from "../support/inbox-fixtures";

let server: TestServer;
let letterSlug: string;

beforeAll(async () => {
  server = await startTestServer();
  await emptyQueues();
});
afterAll(async () => {
  await server.close();
});

async function signedIn(email: string): Promise<Client> {
  const client = new Client(server.url);
  await client.login(email);
  return client;
}

/** A link to `href` reading `text`, whatever other attributes Remix adds. */
const link = (href: string, text: string) => new RegExp(`<a [^>]*href="${href.replace(/[?]/g, "\\?")}">${text}</a>`);

const digestSetting = async (email: string) =>
  await db.selectFrom("users").select(["id", "staff_digest"]).where("email", "=", email).executeTakeFirstOrThrow();

describe("the queues' counts", () => {
  it("are all empty once nothing waits", async () => {
    const queues = await staffInbox();
    expect(queues.map((q) => q.key)).toEqual([
      "actions",
      "events",
      "applications",
      "proposals",
      "nameChanges",
      "signatures",
      "mail",
    ]);
    for (const queue of queues) expect(queue, queue.key).toMatchObject({ count: 0, oldest: null });
    expect(await waitingTotal()).toBe(0);
  });

  it("count what waits in each queue and give the oldest item's date", async () => {
    ({ letterSlug } = await fillQueues());
    const queues = await staffInbox();
    for (const queue of queues) {
      expect({ key: queue.key, count: queue.count, oldest: queue.oldest }).toEqual({
        key: queue.key,
        ...EXPECTED[queue.key],
      });
    }
    expect(queues.find((q) => q.key === "signatures")?.href).toBe(`/staff/letters/${letterSlug}/signatures`);
    expect(await waitingTotal()).toBe(EXPECTED_TOTAL);
  });

  it("counts a pending name change, and forgets a flagged signature once it is rejected", async () => {
    await insertPendingMemberChange(T.feb01);
    await db
      .updateTable("signatures")
      .set({ status: "rejected" })
      .where("email_normalised", "=", "c@elsewhere.example")
      .execute();
    const queues = Object.fromEntries((await staffInbox()).map((q) => [q.key, q]));
    expect(queues.nameChanges).toMatchObject({ count: 1, oldest: T.feb01 });
    // The 10 January signature was the oldest; the 1 February one is now.
    expect(queues.signatures).toMatchObject({ count: 2, oldest: T.feb01 });
  });

  it("turns the oldest date into whole days waited", () => {
    expect(waitingDays(T.jan10, new Date("2026-01-15T08:59:00.000Z"))).toBe(4);
    expect(waitingDays(T.jan10, new Date("2026-01-15T09:00:00.000Z"))).toBe(5);
    expect(waitingDays(T.jan10, new Date("2026-01-10T10:00:00.000Z"))).toBe(0);
    expect(waitingDays(null)).toBe(0);
  });
});

describe("/staff", () => {
  it("refuses a chapter lead and sends an anonymous visitor to sign in", async () => {
    const lead = await signedIn(DEMO.chapter_lead);
    expect((await lead.get("/staff")).status).toBe(403);
    const anonymous = await new Client(server.url).get("/staff");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fstaff/);
  });

  it("shows staff each queue with its count and oldest age, linking to it, and says when one is empty", async () => {
    await db
      .updateTable("coalition_member_changes")
      .set({ status: "withdrawn" })
      .where("status", "=", "pending")
      .execute();
    const staff = await signedIn(DEMO.staff);
    const response = await staff.get("/staff");
    expect(response.status).toBe(200);
    const html = await response.text();
    const days = waitingDays(T.jan10);
    expect(html).toMatch(link(`/staff/actions`, "Advocacy actions to review"));
    expect(html).toMatch(
      new RegExp(`<strong>2 waiting</strong>, <time dateTime="${T.jan10}"[^>]*>oldest ${days} days</time>`),
    );
    expect(html).toMatch(link(`/staff/proposals`, "Threat proposals"));
    expect(html).toContain("<strong>3 waiting</strong>");
    expect(html).toMatch(
      new RegExp(
        `${link("/staff/name-changes", "Organisation name changes").source}</h3><p class="muted">Nothing waiting.</p>`,
      ),
    );
    expect(html).toMatch(link(`/staff/letters/${letterSlug}/signatures`, "Flagged signatures"));
    expect(html).toMatch(link(`/staff/mail?status=failed`, "Failed mail"));
    // The other staff tools are still there.
    expect(html).toMatch(link("/staff/invitations", "Invitations"));
  });
});

describe("the navigation badge", () => {
  it("shows staff and admins the total waiting, in words for screen readers", async () => {
    const total = (await waitingTotal()).toString();
    for (const email of [DEMO.staff, DEMO.admin]) {
      const html = await (await (await signedIn(email)).get("/threats")).text();
      expect(html).toContain(`<span class="visually-hidden">Staff, ${total} items waiting</span>`);
      expect(html).toMatch(new RegExp(`<span class="staff-badge"[^>]*>${total}</span>`));
    }
  });

  it("is not there for a chapter lead or an anonymous visitor", async () => {
    const lead = await (await (await signedIn(DEMO.chapter_lead)).get("/threats")).text();
    const anonymous = await (await new Client(server.url).get("/threats")).text();
    for (const html of [lead, anonymous]) {
      expect(html).not.toContain("items waiting");
      expect(html).not.toContain("staff-badge");
    }
  });
});

describe("the digest opt-out on /account", () => {
  it("is offered to staff, ticked by default, and refuses a value that is not a checkbox's", async () => {
    const staff = await signedIn(DEMO.staff);
    const page = await (await staff.get("/account")).text();
    expect(page).toContain("Send me a daily digest of waiting reviews");
    expect(page).toMatch(/<input[^>]*name="digest"[^>]*checked=""/);
    const before = await digestSetting(DEMO.staff);
    const bad = await staff.post("/account", { intent: "staff-digest", digest: "yes" });
    expect(bad.status).toBe(400);
    expect((await digestSetting(DEMO.staff)).staff_digest).toBe(before.staff_digest);
  });

  it("turns the digest off and on again, each change audited", async () => {
    const staff = await signedIn(DEMO.staff);
    const { id } = await digestSetting(DEMO.staff);
    const off = await staff.post("/account", { intent: "staff-digest" });
    expect(off.status).toBe(200);
    expect((await digestSetting(DEMO.staff)).staff_digest).toBe(0);
    const page = await (await staff.get("/account")).text();
    expect(page).not.toMatch(/<input[^>]*name="digest"[^>]*checked=""/);
    const on = await staff.post("/account", { intent: "staff-digest", digest: "on" });
    expect(on.status).toBe(200);
    expect((await digestSetting(DEMO.staff)).staff_digest).toBe(1);
    const audits = await db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("entity_type", "=", "user")
      .where("entity_id", "=", String(id))
      .where("action", "=", "user.staff_digest")
      .orderBy("id")
      .execute();
    expect(audits.map((a) => JSON.parse(a.after_json ?? "{}") as unknown)).toEqual([
      { staff_digest: 0 },
      { staff_digest: 1 },
    ]);
  });

  it("is neither shown to nor accepted from a chapter lead", async () => {
    const lead = await signedIn(DEMO.chapter_lead);
    expect(await (await lead.get("/account")).text()).not.toContain("daily digest");
    const before = await digestSetting(DEMO.chapter_lead);
    const response = await lead.post("/account", { intent: "staff-digest" });
    expect(response.status).toBe(403);
    expect(await digestSetting(DEMO.chapter_lead)).toEqual(before);
  });
});
