import { db } from "~db/connection";

type Target = { threatId: number } | { jurisdiction: string };

function matches(target: Target) {
  return "threatId" in target
    ? { column: "threat_id" as const, value: target.threatId }
    : { column: "jurisdiction_code" as const, value: target.jurisdiction };
}

export async function isFollowing(userId: number, target: Target): Promise<boolean> {
  const { column, value } = matches(target);
  return !!(await db
    .selectFrom("follows")
    .select("id")
    .where("user_id", "=", userId)
    .where(column, "=", value)
    .executeTakeFirst());
}

export async function follow(userId: number, target: Target): Promise<void> {
  const now = new Date().toISOString();
  const { column } = matches(target);
  await db
    .insertInto("follows")
    .values({
      user_id: userId,
      threat_id: "threatId" in target ? target.threatId : null,
      jurisdiction_code: "jurisdiction" in target ? target.jurisdiction : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["user_id", column]).doNothing())
    .execute();
}

export async function unfollow(userId: number, target: Target): Promise<void> {
  const { column, value } = matches(target);
  await db.deleteFrom("follows").where("user_id", "=", userId).where(column, "=", value).execute();
}

export async function listFollows(userId: number) {
  return db
    .selectFrom("follows")
    .leftJoin("threats", "threats.id", "follows.threat_id")
    .leftJoin("jurisdictions", "jurisdictions.code", "follows.jurisdiction_code")
    .select([
      "follows.id",
      "follows.threat_id",
      "follows.jurisdiction_code",
      "threats.slug",
      "threats.title",
      "jurisdictions.name_en",
      "jurisdictions.name_fr",
    ])
    .where("follows.user_id", "=", userId)
    .orderBy("follows.created_at", "desc")
    .execute();
}

/** Removes one of the user's own follows (someone else's id does nothing). */
export async function removeFollow(userId: number, followId: number): Promise<void> {
  await db.deleteFrom("follows").where("id", "=", followId).where("user_id", "=", userId).execute();
}
