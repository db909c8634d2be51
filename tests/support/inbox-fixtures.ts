/**
 * The staff review queues with known contents: `emptyQueues` clears every queue of the demo data,
 * `fillQueues` puts items with fixed dates in each, and `EXPECTED` says what the inbox must count.
 */
import { db } from "../../db/connection";
import { hashIp } from "../../app/features/letters/signature-abuse.server";
import { insertAdvocacyAction } from "./advocacy-factory";
import { createOpenLetter } from "./optin-fixtures";
import { DEMO } from "./app-server";

export const T = {
  jan05: "2026-01-05T09:00:00.000Z",
  jan10: "2026-01-10T09:00:00.000Z",
  feb01: "2026-02-01T09:00:00.000Z",
  feb20: "2026-02-20T09:00:00.000Z",
  mar01: "2026-03-01T09:00:00.000Z",
} as const;

/** Nothing waits anywhere: pending items decided, failed mail sent, the blocklist empty. */
export async function emptyQueues(): Promise<void> {
  await db
    .updateTable("advocacy_actions")
    .set({ review_status: "accepted" })
    .where("review_status", "=", "pending")
    .execute();
  await db.updateTable("events").set({ status: "approved" }).where("status", "=", "submitted").execute();
  await db.updateTable("coalition_applications").set({ status: "declined" }).where("status", "=", "pending").execute();
  await db.updateTable("threat_proposals").set({ status: "rejected" }).where("status", "=", "pending").execute();
  await db
    .updateTable("coalition_member_changes")
    .set({ status: "withdrawn" })
    .where("status", "=", "pending")
    .execute();
  await db.updateTable("outbox").set({ status: "sent" }).where("status", "=", "failed").execute();
  await db.deleteFrom("signature_blocklist").execute();
  // The fixtures' flagged signatures of an earlier fill, so that a new blocklist finds only the new ones.
  await db
    .updateTable("signatures")
    .set({ status: "rejected" })
    .where((eb) => eb.or([eb("email_normalised", "like", "%spam.example"), eb("ip_hash", "=", hashIp(BLOCKED_IP))]))
    .execute();
}

const BLOCKED_IP = "198.51.100.7";

let seq = 0;

async function staffId(): Promise<number> {
  const row = await db.selectFrom("users").select("id").where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  return row.id;
}

async function insertApplication(status: "pending" | "unconfirmed", confirmedAt: string | null) {
  seq++;
  await db
    .insertInto("coalition_applications")
    .values({
      kind: "organisation",
      name: `Inbox Applicant ${seq}`,
      sector: "civil_society",
      jurisdiction_code: "DE",
      website: null,
      contact_name: "Applicant",
      contact_email: `applicant-${seq}@example.org`,
      motivation: "",
      consent_public: 0,
      locale: "en",
      status,
      confirm_token_hash: `inbox-token-${seq}-${Date.now()}`,
      confirmed_at: confirmedAt,
      reviewed_by: null,
      reviewed_at: null,
      decline_reason: null,
      member_id: null,
      created_at: T.jan05,
      updated_at: T.jan05,
    })
    .execute();
}

async function insertProposal(status: "pending" | "rejected", createdAt: string) {
  await db
    .insertInto("threat_proposals")
    .values({
      proposed_by: await staffId(),
      chapter_id: null,
      jurisdiction_code: "KE",
      kind: "bill",
      identifier: null,
      title: `Inbox proposal ${++seq}`,
      summary: "",
      source_url: null,
      status,
      review_reason: null,
      reviewed_by: null,
      reviewed_at: null,
      threat_id: null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

async function insertOutbox(status: "failed" | "pending", updatedAt: string) {
  seq++;
  await db
    .insertInto("outbox")
    .values({
      idempotency_key: `inbox-fixture-${seq}-${Date.now()}`,
      template: "invitation",
      locale: "en",
      to_address: `someone-${seq}@example.org`,
      from_address: "hub@example.org",
      reply_to: null,
      subject: "A fixture",
      html: "<p>x</p>",
      text: "x",
      status,
      attempts: status === "failed" ? 6 : 0,
      next_attempt_at: updatedAt,
      last_error: status === "failed" ? "provider refused" : null,
      provider_id: null,
      sent_at: null,
      recipient_key: null,
      created_at: T.jan05,
      updated_at: updatedAt,
    })
    .execute();
}

async function insertSignature(
  letterId: number,
  values: { email: string | null; ip: string | null; status: "pending" | "confirmed" | "rejected"; createdAt: string },
) {
  await db
    .insertInto("signatures")
    .values({
      letter_id: letterId,
      version: 1,
      kind: "individual",
      name: `Signer ${++seq}`,
      affiliation: null,
      jurisdiction_code: null,
      email: values.email,
      email_normalised: values.email,
      coalition_member_id: null,
      signed_by_user_id: null,
      show_publicly: 0,
      status: values.status,
      confirm_token_hash: null,
      withdraw_token_hash: null,
      confirmed_at: values.status === "confirmed" ? values.createdAt : null,
      withdrawn_at: null,
      rejected_at: null,
      rejection_reason: null,
      ip_hash: values.ip ? hashIp(values.ip) : null,
      created_at: values.createdAt,
      updated_at: values.createdAt,
    })
    .execute();
}

/** Items with known dates in every queue; returns the slug of the letter with flagged signatures. */
export async function fillQueues(): Promise<{ letterSlug: string }> {
  // Advocacy actions: two pending (the oldest re-submitted on 10 January), one already accepted.
  await insertAdvocacyAction({ review_status: "pending", updated_at: T.jan10 });
  await insertAdvocacyAction({ review_status: "pending", updated_at: T.feb20 });
  await insertAdvocacyAction({ review_status: "accepted", updated_at: T.jan05 });

  // Events: one submitted on 1 February; the others stay approved.
  const event = await db.selectFrom("events").select("id").orderBy("id").executeTakeFirstOrThrow();
  await db.updateTable("events").set({ status: "submitted", updated_at: T.feb01 }).where("id", "=", event.id).execute();

  // Applications: waiting since their confirmation; an unconfirmed one does not wait for staff.
  await insertApplication("pending", T.feb20);
  await insertApplication("pending", T.jan10);
  await insertApplication("unconfirmed", null);

  // Proposals: three pending, one rejected (older, not counted).
  await insertProposal("pending", T.feb01);
  await insertProposal("pending", T.mar01);
  await insertProposal("pending", T.feb20);
  await insertProposal("rejected", T.jan05);

  // Name changes: none pending (the queue that says it is empty).

  // Mail: one failed on 20 February; a pending one is not a problem yet.
  await insertOutbox("failed", T.feb20);
  await insertOutbox("pending", T.jan05);

  // Signatures from a domain and an address blocked after they signed.
  const letter = await createOpenLetter();
  const stamp = new Date().toISOString();
  await db
    .insertInto("signature_blocklist")
    .values([
      {
        kind: "email_domain",
        value: "spam.example",
        reason: null,
        created_by: null,
        created_at: stamp,
        updated_at: stamp,
      },
      { kind: "ip", value: BLOCKED_IP, reason: null, created_by: null, created_at: stamp, updated_at: stamp },
    ])
    .execute();
  await insertSignature(letter.id, { email: "a@spam.example", ip: null, status: "confirmed", createdAt: T.feb01 });
  await insertSignature(letter.id, { email: "b@mail.spam.example", ip: null, status: "pending", createdAt: T.mar01 });
  await insertSignature(letter.id, {
    email: "c@elsewhere.example",
    ip: "198.51.100.7",
    status: "confirmed",
    createdAt: T.jan10,
  });
  // Not flagged: a look-alike domain, an unblocked address, one already rejected.
  await insertSignature(letter.id, {
    email: "d@notspam.example",
    ip: "198.51.100.8",
    status: "confirmed",
    createdAt: T.jan05,
  });
  await insertSignature(letter.id, { email: "e@spam.example", ip: null, status: "rejected", createdAt: T.jan05 });
  return { letterSlug: letter.slug };
}

/** What the inbox counts after `fillQueues`, queue by queue. */
export const EXPECTED = {
  actions: { count: 2, oldest: T.jan10 },
  events: { count: 1, oldest: T.feb01 },
  applications: { count: 2, oldest: T.jan10 },
  proposals: { count: 3, oldest: T.feb01 },
  nameChanges: { count: 0, oldest: null },
  signatures: { count: 3, oldest: T.jan10 },
  mail: { count: 1, oldest: T.feb20 },
} as const;

export const EXPECTED_TOTAL = Object.values(EXPECTED).reduce((sum, queue) => sum + queue.count, 0);

/** A representative's pending change of their organisation's website, requested at `createdAt`. */
export async function insertPendingMemberChange(createdAt: string): Promise<void> {
  const member = await db
    .selectFrom("coalition_members")
    .select(["id", "name", "website"])
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("coalition_member_changes")
    .values({
      member_id: member.id,
      requested_by: null,
      name: null,
      name_folded: null,
      website_changed: 1,
      website: "https://example.org/new-site",
      previous_name: member.name,
      previous_website: member.website,
      status: "pending",
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}
