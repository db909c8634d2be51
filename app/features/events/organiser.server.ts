/** Who organises an event, and who may manage it: the submitting chapter, organisation, or staff. */
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { CHAPTER_ROLES, isStaff } from "~/features/auth/guards.server";

export interface EventOwner {
  chapter_id: number | null;
  coalition_member_id: number | null;
}

/** Staff manage every event; a chapter's people their chapter's; representatives their organisation's. */
export function canManageEvent(
  user: Pick<User, "role" | "chapter_id" | "coalition_member_id"> | null,
  event: EventOwner,
) {
  if (!user) return false;
  if (isStaff(user)) return true;
  if (CHAPTER_ROLES.includes(user.role)) return user.chapter_id !== null && event.chapter_id === user.chapter_id;
  if (user.role === "coalition_member") {
    return user.coalition_member_id !== null && event.coalition_member_id === user.coalition_member_id;
  }
  return false;
}

/** Who may submit events at all: staff, chapter people, representatives. */
export function canSubmitEvents(user: Pick<User, "role" | "chapter_id" | "coalition_member_id">): boolean {
  if (isStaff(user)) return true;
  if (CHAPTER_ROLES.includes(user.role)) return user.chapter_id !== null;
  return user.role === "coalition_member" && user.coalition_member_id !== null;
}

export interface Organiser extends EventOwner {
  /** Null for staff, who type the organiser's name. */
  name: string | null;
}

/** The organiser an account submits for, taken from the account, never from the request. */
export async function organiserFor(user: User): Promise<Organiser> {
  if (CHAPTER_ROLES.includes(user.role) && user.chapter_id !== null) {
    const chapter = await db.selectFrom("chapters").select("name").where("id", "=", user.chapter_id).executeTakeFirst();
    return { chapter_id: user.chapter_id, coalition_member_id: null, name: chapter?.name ?? null };
  }
  if (user.role === "coalition_member" && user.coalition_member_id !== null) {
    const member = await db
      .selectFrom("coalition_members")
      .select("name")
      .where("id", "=", user.coalition_member_id)
      .executeTakeFirst();
    return { chapter_id: null, coalition_member_id: user.coalition_member_id, name: member?.name ?? null };
  }
  return { chapter_id: null, coalition_member_id: null, name: null };
}
