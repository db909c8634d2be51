import { db } from "../../../db/connection";
import { DEMO } from "../../support/app-server";
import { all, staffOnly, type MatrixArea } from "./expectations";

export const area: MatrixArea = {
  entries: {
    "routes/coalition.$memberId._index": { path: "/coalition/:member", expect: all(200) },
    // A representative edits their own organisation (the test member is theirs); staff edit any.
    "routes/coalition.$memberId.edit": {
      path: "/coalition/:member/edit",
      expect: { ...staffOnly, coalition_member: 200 },
    },
    // Coalition: the members' open data is public; the CSV import and export are staff work.
    "routes/api.v1.coalition.members": { path: "/api/v1/coalition/members", expect: all(200) },
    "routes/coalition.import": { path: "/coalition/import", expect: staffOnly },
    "routes/coalition.export[.]csv": { path: "/coalition/export.csv", expect: staffOnly },
    // Coalition applications: a public form and confirmation page; the review queue is for staff.
    "routes/coalition.apply": { path: "/coalition/apply", expect: all(200) },
    "routes/coalition.apply_.confirm": { path: "/coalition/apply/confirm?token=nope", expect: all(200) },
    "routes/staff.applications": { path: "/staff/applications", expect: staffOnly },
    "routes/staff.name-changes": { path: "/staff/name-changes", expect: staffOnly },
  },
  notFound: [
    { path: "/coalition/999999", as: "anonymous" },
    { path: "/coalition/999999/edit", as: "staff" },
  ],
  setup: async () => {
    const representative = await db
      .selectFrom("users")
      .select("coalition_member_id")
      .where("email", "=", DEMO.coalition_member)
      .executeTakeFirstOrThrow();
    return { member: String(representative.coalition_member_id) };
  },
};
