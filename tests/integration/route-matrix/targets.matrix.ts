import { db } from "../../../db/connection";
import { all, staffOnly, type MatrixArea } from "./expectations";

/** Targets: the page, the drill-down and the API are open data; defining targets is staff work. */
export const area: MatrixArea = {
  entries: {
    "routes/targets.$id": { path: "/targets/:target", expect: all(200) },
    "routes/api.v1.targets": { path: "/api/v1/targets?year=2024", expect: all(200) },
    "routes/staff.targets._index": { path: "/staff/targets", expect: staffOnly },
    "routes/staff.targets.new": { path: "/staff/targets/new", expect: staffOnly },
    "routes/staff.targets.$id": { path: "/staff/targets/:target", expect: staffOnly },
  },
  notFound: [
    { path: "/targets/999999", as: "anonymous" },
    { path: "/targets/not-a-number", as: "anonymous" },
    { path: "/staff/targets/999999", as: "staff" },
  ],
  setup: async ({ staff }) => {
    const now = new Date().toISOString();
    const row = await db
      .insertInto("targets")
      .values({
        year: 2026,
        title: "Matrix test target",
        metric: "advocacy_actions",
        filter: null,
        comparison: "at_least",
        goal: 3,
        manual_value: null,
        manual_unit: null,
        manual_evidence: null,
        manual_evidence_url: null,
        position: 99,
        created_by: staff.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { target: String(row.id) };
  },
};
