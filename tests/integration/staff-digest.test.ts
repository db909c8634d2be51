/**
 * The daily digest of waiting reviews: queued through the outbox once per person and UTC day,
 * never when nothing waits or for someone who opted out, listing the queues where items wait.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { digestKey, sendStaffDigests, staffDigestTick } from "~/features/staff-inbox/digest.server";
import { db } from "../../db/connection";
import { DEMO } from "../support/app-server";
import { emptyQueues, fillQueues } from "../support/inbox-fixtures";

const DAY = new Date("2026-03-10T10:00:00.000Z");
const LATER_SAME_DAY = new Date("2026-03-10T21:00:00.000Z");
const NEXT_DAY = new Date("2026-03-11T10:00:00.000Z");

const digests = () =>
  db
    .selectFrom("outbox")
    .select(["to_address", "idempotency_key", "subject", "text", "html", "locale"])
    .where("template", "=", "staff-digest")
    .orderBy("id")
    .execute();

async function user(email: string) {
  return db.selectFrom("users").select(["id", "staff_digest"]).where("email", "=", email).executeTakeFirstOrThrow();
}

beforeEach(async () => {
  await db.deleteFrom("outbox").where("template", "=", "staff-digest").execute();
  await db.updateTable("users").set({ staff_digest: 1, locale: "en" }).execute();
  await emptyQueues();
});

describe("the staff digest", () => {
  it("is not sent when nothing waits", async () => {
    expect(await sendStaffDigests(DAY)).toBe(0);
    expect(await digests()).toEqual([]);
  });

  it("goes once a day to each staff member and admin, however often the job runs", async () => {
    await fillQueues();
    expect(await sendStaffDigests(DAY)).toBe(2);
    await sendStaffDigests(LATER_SAME_DAY);
    // The scheduled tick (exclusive across instances) on the same day adds nothing either.
    expect(await staffDigestTick(LATER_SAME_DAY)).toBe(2);
    const sameDay = await digests();
    expect(sameDay.map((m) => m.to_address).sort()).toEqual([DEMO.admin, DEMO.staff].sort());
    const staff = await user(DEMO.staff);
    expect(sameDay.find((m) => m.to_address === DEMO.staff)?.idempotency_key).toBe(digestKey(staff.id, DAY));
    expect(digestKey(staff.id, DAY)).toBe(`staff-digest:${staff.id}:2026-03-10`);

    await sendStaffDigests(NEXT_DAY);
    expect(await digests()).toHaveLength(4);
  });

  it("never goes to chapter or coalition people", async () => {
    await fillQueues();
    await sendStaffDigests(DAY);
    const to = (await digests()).map((m) => m.to_address);
    for (const email of [DEMO.chapter_lead, DEMO.chapter_member, DEMO.coalition_member])
      expect(to).not.toContain(email);
  });

  it("is not sent to someone who opted out", async () => {
    await fillQueues();
    await db.updateTable("users").set({ staff_digest: 0 }).where("email", "=", DEMO.admin).execute();
    expect(await sendStaffDigests(DAY)).toBe(1);
    expect((await digests()).map((m) => m.to_address)).toEqual([DEMO.staff]);
  });

  it("lists each queue where something waits with its count and age, and links to the inbox and the opt-out", async () => {
    await fillQueues();
    await db.updateTable("users").set({ locale: "fr" }).where("email", "=", DEMO.admin).execute();
    await sendStaffDigests(DAY);
    const mails = await digests();
    const en = mails.find((m) => m.to_address === DEMO.staff);
    expect(en?.subject).toBe("12 items wait for review");
    const text = en?.text ?? "";
    // 10 January to 10 March: 59 whole days.
    expect(text).toContain("Advocacy actions to review");
    expect(text).toMatch(/Advocacy actions to review\s\S+: 2 waiting, oldest 59 days/);
    expect(text).toMatch(/Events to approve\s\S+: 1 waiting, oldest 37 days/);
    expect(text).toMatch(/Coalition applications\s\S+: 2 waiting/);
    expect(text).toMatch(/Threat proposals\s\S+: 3 waiting/);
    expect(text).toMatch(/Flagged signatures\s\S+: 3 waiting/);
    expect(text).toMatch(/Failed mail\s\S+: 1 waiting, oldest 18 days/);
    // An empty queue is left out.
    expect(text).not.toContain("Organisation name changes");
    expect(en?.html).toContain("/staff/actions");
    expect(en?.html).toContain("/account#digest-heading");

    const fr = mails.find((m) => m.to_address === DEMO.admin);
    expect(fr?.locale).toBe("fr");
    expect(fr?.subject).toBe("12 éléments attendent un examen");
    expect(fr?.text).toMatch(/Actions de plaidoyer à examiner\s\S+: 2 en attente, le plus ancien depuis 59 jours/);
  });
});
