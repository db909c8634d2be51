/**
 * The objects the fuzzed paths name, as the route matrix creates them: its areas' setups plus a
 * threat, an open letter, a message in the outbox and a user the admin may change at will.
 */
import { createLetter, openLetter } from "~/features/letters/letters.server";
import { createThreat } from "~/features/threats/mutations.server";
import { db } from "../../../db/connection";
import { Client, DEMO } from "../../support/app-server";
import type { MatrixArea } from "../route-matrix/expectations";
import { settleBackgroundTasks } from "~/lib/background.server";

const AREAS = Object.values(
  import.meta.glob<MatrixArea>("../route-matrix/*.matrix.ts", { eager: true, import: "area" }),
);

export async function createObjects(baseUrl: string): Promise<Record<string, string>> {
  await new Client(baseUrl, "10.77.0.99").post("/forgot-password", { email: DEMO.staff });
  await settleBackgroundTasks();
  const mail = await db.selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  const threat = await createThreat(staff, {
    jurisdiction: "KE",
    kind: "bill",
    title: "Fuzz test bill",
    categories: ["encryption"],
    severity: "high",
    firstSeenOn: "2026-01-05",
    sources: [],
  });
  if (!threat.ok) throw new Error("could not create the test threat");
  const representative = await db
    .selectFrom("users")
    .select("coalition_member_id")
    .where("email", "=", DEMO.coalition_member)
    .executeTakeFirstOrThrow();
  const letter = await createLetter(staff, {
    texts: [{ language: "en", title: "Fuzz test letter", body: "Keep encryption." }],
    threats: [],
  });
  if (!letter.ok) throw new Error("could not create the test letter");
  await openLetter(staff, letter.id);
  const now = new Date().toISOString();
  const victim = await db
    .insertInto("users")
    .values({
      email: "fuzz-victim@example.org",
      name: "Fuzz victim",
      password_hash: null,
      role: "chapter_member",
      chapter_id: null,
      coalition_member_id: null,
      locale: "en",
      status: "active",
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const params: Record<string, string> = {};
  for (const area of AREAS) Object.assign(params, await area.setup?.({ staff }));
  return {
    ...params,
    letter: letter.slug,
    mail: String(mail.id),
    victim: String(victim.id),
    threat: threat.slug,
    member: String(representative.coalition_member_id),
  };
}
