import { logAction } from "~/features/actions/actions.server";
import { db } from "../../../db/connection";
import { DEMO } from "../../support/app-server";
import { all, staffOnly, type MatrixArea } from "./expectations";

/** Chapters and their advocacy log. The test chapter is Kenya (the demo lead's and member's). */
export const area: MatrixArea = {
  entries: {
    "routes/chapters._index": { path: "/chapters", expect: all(200) },
    "routes/chapters.new": { path: "/chapters/new", expect: staffOnly },
    "routes/chapters.export[.]csv": { path: "/chapters/export.csv", expect: staffOnly },
    "routes/chapters.$id._index": { path: "/chapters/:kenya", expect: all(200) },
    "routes/chapters.$id.edit": { path: "/chapters/:kenya/edit", expect: staffOnly },
    // Staff manage any chapter's members; a lead only their own; members and others never.
    "routes/chapters.$id.members": {
      path: "/chapters/:kenya/members",
      expect: { ...staffOnly, chapter_lead: 200 },
    },
    // The log belongs to chapter people and representatives; staff are sent to their review queue.
    "routes/actions._index": {
      path: "/actions",
      expect: { anonymous: 302, admin: 302, staff: 302, chapter_lead: 200, chapter_member: 200, coalition_member: 200 },
    },
    "routes/actions.new": {
      path: "/actions/new",
      expect: { anonymous: 302, admin: 403, staff: 403, chapter_lead: 200, chapter_member: 200, coalition_member: 200 },
    },
    // The Kenyan member's own action: they and their lead edit it; staff review, never edit.
    "routes/actions.$id.edit": {
      path: "/actions/:action/edit",
      expect: { anonymous: 302, admin: 403, staff: 403, chapter_lead: 200, chapter_member: 200, coalition_member: 403 },
    },
    "routes/staff.actions": { path: "/staff/actions", expect: staffOnly },
  },
  notFound: [
    { path: "/chapters/999999", as: "anonymous" },
    { path: "/chapters/abc", as: "anonymous" },
    { path: "/chapters/999999/edit", as: "staff" },
    { path: "/chapters/999999/members", as: "staff" },
    { path: "/actions/999999/edit", as: "chapter_member" },
    { path: "/actions/1e3/edit", as: "chapter_lead" },
  ],
  async setup() {
    const member = await db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", DEMO.chapter_member)
      .executeTakeFirstOrThrow();
    const logged = await logAction(member, {
      kind: "meeting",
      occurredOn: "2026-02-02",
      description: "Matrix test meeting",
    });
    if (!logged.ok) throw new Error("could not log the test action");
    return { kenya: String(member.chapter_id), action: String(logged.id) };
  },
};
