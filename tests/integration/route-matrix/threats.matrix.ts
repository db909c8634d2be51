import { createThreat, recordStep } from "~/features/threats/mutations.server";
import { all, staffOnly, signedIn, adminOnly, type MatrixArea } from "./expectations";

export const area: MatrixArea = {
  entries: {
    "routes/threats._index": { path: "/threats", expect: all(200) },
    "routes/threats.new": { path: "/threats/new", expect: staffOnly },
    "routes/threats.$slug._index": { path: "/threats/:threat", expect: all(200) },
    "routes/threats.$slug.edit": { path: "/threats/:threat/edit", expect: staffOnly },
    "routes/threats.$slug.steps.$stepId": { path: "/threats/:threat/steps/:step", expect: staffOnly },
    // Chapter leads assess threats of their own chapter's country (the test threat is Kenyan).
    "routes/threats.$slug.assessment": {
      path: "/threats/:threat/assessment",
      expect: { ...staffOnly, chapter_lead: 200 },
    },
    "routes/threats.propose": {
      path: "/threats/propose",
      expect: { anonymous: 302, admin: 403, staff: 403, chapter_lead: 200, chapter_member: 200, coalition_member: 403 },
    },
    "routes/staff.proposals": { path: "/staff/proposals", expect: staffOnly },
    "routes/statements.new": { path: "/statements/new", expect: staffOnly },
    "routes/account_.follows": { path: "/account/follows", expect: signedIn(200) },
    "routes/countries.$code": { path: "/countries/KE", expect: all(200) },
    "routes/admin.impact-properties": { path: "/admin/impact-properties", expect: adminOnly },
    // Open data, the feed and the map: public. The CSV export: staff.
    "routes/api.v1.threats": { path: "/api/v1/threats", expect: all(200) },
    "routes/api.v1.threats[.]geojson": { path: "/api/v1/threats.geojson", expect: all(200) },
    "routes/embed.threats-map": { path: "/embed/threats-map", expect: all(200) },
    "routes/api.v1.threats.$slug": { path: "/api/v1/threats/:threat", expect: all(200) },
    "routes/api.v1.jurisdictions.$code": { path: "/api/v1/jurisdictions/KE", expect: all(200) },
    "routes/feeds.threats[.]atom": { path: "/feeds/threats.atom", expect: all(200) },
    "routes/threats.export[.]csv": { path: "/threats/export.csv", expect: staffOnly },
    "routes/threats.map": { path: "/threats/map", expect: all(200) },
  },
  notFound: [
    { path: "/threats/no-such-threat", as: "anonymous" },
    { path: "/threats/no-such-threat/edit", as: "staff" },
    { path: "/threats/no-such-threat/steps/1", as: "staff" },
    { path: "/countries/XX", as: "anonymous" },
    { path: "/countries/../etc", as: "anonymous" },
    { path: "/api/v1/threats/no-such-threat", as: "anonymous" },
    { path: "/api/v1/jurisdictions/XX", as: "anonymous" },
  ],
  setup: async ({ staff }) => {
    const threat = await createThreat(staff, {
      jurisdiction: "KE",
      kind: "bill",
      title: "Matrix test bill",
      categories: ["encryption"],
      severity: "high",
      firstSeenOn: "2026-01-05",
      sources: [],
    });
    if (!threat.ok) throw new Error("could not create the test threat");
    const step = await recordStep(staff, threat.id, {
      intent: "action",
      occurredOn: "2026-01-06",
      classification: "introduced",
    });
    return { threat: threat.slug, step: String(step) };
  },
};
