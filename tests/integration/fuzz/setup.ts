/**
 * The objects the fuzzed paths name, as the route matrix creates them (every area's setup), plus a
 * user the admin may change at will.
 */
import { db } from "../../../db/connection";
import { DEMO } from "../../support/app-server";
import type { MatrixArea } from "../route-matrix/expectations";

const AREAS = Object.values(
  import.meta.glob<MatrixArea>("../route-matrix/*.matrix.ts", { eager: true, import: "area" }),
);

export async function createObjects(baseUrl: string): Promise<Record<string, string>> {
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
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
  for (const area of AREAS) Object.assign(params, await area.setup?.({ staff, baseUrl }));
  return { ...params, victim: String(victim.id) };
}
