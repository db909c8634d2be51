import type { User } from "~db/schema";

/**
 * Where a person lands after signing in when no page asked for them: chapter leads and members on
 * their chapter's log (what they come to write in), everyone else on their account.
 */
export function landingPath(user: Pick<User, "role" | "chapter_id">): string {
  return hasChapterLog(user) ? "/actions" : "/account";
}

/** Chapter people with a chapter: their log is `/actions`, and the header links to it. */
export function hasChapterLog(user: Pick<User, "role" | "chapter_id">): boolean {
  return (user.role === "chapter_lead" || user.role === "chapter_member") && user.chapter_id !== null;
}
