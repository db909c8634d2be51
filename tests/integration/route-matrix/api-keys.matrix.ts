import type { User } from "../../../db/schema";
import { createApiKey } from "../../../app/features/api-keys/keys.server";
import { db } from "../../../db/connection";
import { adminOnly, all, type MatrixArea } from "./expectations";

/**
 * API keys are an administrator's business. The OSDI API answers the same to every browser
 * session: its public resources are open, its personal data needs an OSDI-API-Token header (no
 * session cookie opens it, an admin's neither), and the helpers take only POST.
 */
export const area: MatrixArea = {
  entries: {
    "routes/admin.api-keys._index": { path: "/admin/api-keys", expect: adminOnly },
    "routes/admin.api-keys.$id": { path: "/admin/api-keys/:apiKey", expect: adminOnly },
    "routes/api.osdi.v1._index": { path: "/api/osdi/v1", expect: all(200) },
    "routes/api.osdi.v1.petitions._index": { path: "/api/osdi/v1/petitions", expect: all(200) },
    "routes/api.osdi.v1.petitions.$id._index": { path: "/api/osdi/v1/petitions/:osdiPetition", expect: all(200) },
    "routes/api.osdi.v1.petitions.$id.signatures._index": {
      path: "/api/osdi/v1/petitions/:osdiPetition/signatures",
      expect: all(401),
    },
    "routes/api.osdi.v1.petitions.$id.signatures.$signatureId": {
      path: "/api/osdi/v1/petitions/:osdiPetition/signatures/1",
      expect: all(401),
    },
    "routes/api.osdi.v1.petitions.$id.record_signature_helper": {
      path: "/api/osdi/v1/petitions/:osdiPetition/record_signature_helper",
      expect: all(405),
    },
    "routes/api.osdi.v1.events._index": { path: "/api/osdi/v1/events", expect: all(200) },
    "routes/api.osdi.v1.events.$id._index": { path: "/api/osdi/v1/events/:osdiEvent", expect: all(200) },
    "routes/api.osdi.v1.events.$id.attendances._index": {
      path: "/api/osdi/v1/events/:osdiEvent/attendances",
      expect: all(401),
    },
    "routes/api.osdi.v1.events.$id.record_attendance_helper": {
      path: "/api/osdi/v1/events/:osdiEvent/record_attendance_helper",
      expect: all(405),
    },
    "routes/api.osdi.v1.events.$id.attendances.$attendanceId": {
      path: "/api/osdi/v1/events/:osdiEvent/attendances/1",
      expect: all(401),
    },
    "routes/api.osdi.v1.advocacy_campaigns._index": { path: "/api/osdi/v1/advocacy_campaigns", expect: all(200) },
    "routes/api.osdi.v1.advocacy_campaigns.$id._index": {
      path: "/api/osdi/v1/advocacy_campaigns/:osdiCampaign",
      expect: all(200),
    },
    "routes/api.osdi.v1.advocacy_campaigns.$id.outreaches._index": {
      path: "/api/osdi/v1/advocacy_campaigns/:osdiCampaign/outreaches",
      expect: all(401),
    },
    "routes/api.osdi.v1.advocacy_campaigns.$id.outreaches.$outreachId": {
      path: "/api/osdi/v1/advocacy_campaigns/:osdiCampaign/outreaches/1",
      expect: all(401),
    },
    "routes/api.osdi.v1.people._index": { path: "/api/osdi/v1/people", expect: all(401) },
    "routes/api.osdi.v1.people.$id": { path: "/api/osdi/v1/people/signer-1", expect: all(401) },
  },
  notFound: [
    { path: "/admin/api-keys/99999999", as: "admin" },
    { path: "/admin/api-keys/nope", as: "admin" },
    { path: "/api/osdi/v1/petitions/99999999", as: "anonymous" },
    { path: "/api/osdi/v1/petitions/abc", as: "anonymous" },
    { path: "/api/osdi/v1/events/99999999", as: "admin" },
    { path: "/api/osdi/v1/advocacy_campaigns/99999999", as: "staff" },
  ],
  setup: async ({ staff }: { staff: User }) => {
    const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
    const { key } = await createApiKey(admin, { name: `Matrix key for ${staff.name}`, access: "read", resources: [] });
    const letter = await db
      .selectFrom("open_letters")
      .select("id")
      .where("status", "=", "open")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const event = await db
      .selectFrom("events")
      .select("id")
      .where("status", "=", "approved")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const campaign = await db
      .selectFrom("letter_campaigns")
      .select("id")
      .where("status", "!=", "draft")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    return {
      apiKey: String(key.id),
      osdiPetition: String(letter.id),
      osdiEvent: String(event.id),
      osdiCampaign: String(campaign.id),
    };
  },
};
