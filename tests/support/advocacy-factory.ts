/** Test rows for chapters' work: advocacy actions and chapter accounts, straight in the database. */
import type { Insertable } from "kysely";
import { db } from "../../db/connection";
import type { AdvocacyActionsTable, Role } from "../../db/schema";
import { DEMO } from "./app-server";

/** An advocacy action (pending, for nobody in particular, unless told otherwise); returns its id. */
export async function insertAdvocacyAction(values: Partial<Insertable<AdvocacyActionsTable>> = {}): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("advocacy_actions")
    .values({
      chapter_id: null,
      coalition_member_id: null,
      logged_by: null,
      kind: "media",
      occurred_on: "2026-01-10",
      description: "Somebody else's action",
      policymakers: null,
      threat_id: null,
      outcome: null,
      evidence_url: null,
      review_status: "pending",
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
      created_at: now,
      updated_at: now,
      ...values,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

let userSeq = 0;

/** An active account that signs in with the test password (the demo accounts' hash). */
export async function insertTestUser(role: Role, chapterId: number | null): Promise<{ id: number; email: string }> {
  const { password_hash } = await db
    .selectFrom("users")
    .select("password_hash")
    .where("email", "=", DEMO.staff)
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const email = `chapter-test-${++userSeq}-${Date.now()}@example.org`;
  const { id } = await db
    .insertInto("users")
    .values({
      email,
      name: `Test ${userSeq}`,
      password_hash,
      role,
      chapter_id: chapterId,
      coalition_member_id: null,
      locale: "en",
      status: "active",
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, email };
}
