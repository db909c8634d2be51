/**
 * Every route with an action, and how to fuzz it: the path (`:name` is filled from the setup's
 * objects), who posts, and the fields and intents its action reads that its page may not show
 * (tokens, confirmations, ids). The fields of the page's own forms are added from the rendered
 * HTML. The suite fails when a route with an action has no entry here.
 */
import { DEMO_CAMPAIGN_SLUG } from "../../../demo/demo-campaigns";
import type { Who } from "../route-matrix/expectations";

export interface FuzzEntry {
  path: string;
  as: Who;
  /** Fields the action reads besides those its page renders. */
  fields?: string[];
  intents?: string[];
  /** Plausible values of some fields, drawn now and then among the hostile ones. */
  values?: Record<string, string[]>;
  /** How the body is sent: a urlencoded form (default), multipart with `files` as file parts, or a signed webhook. */
  send?: "form" | "multipart" | "webhook";
  files?: string[];
  /** Changes what later entries rely on (removes people, closes or suspends things): runs last. */
  last?: boolean;
  /** Posts from its own signed-in client (the action ends the session). */
  ownSession?: boolean;
}

const TOKEN = ["token"];

export const FUZZ: Record<string, FuzzEntry> = {
  // Accounts and sessions.
  "routes/login": { path: "/login", as: "anonymous", fields: ["email", "password", "redirectTo"] },
  "routes/logout": { path: "/logout", as: "chapter_member", fields: [], ownSession: true },
  "routes/locale": { path: "/locale", as: "anonymous", fields: ["locale", "redirectTo"] },
  "routes/forgot-password": { path: "/forgot-password", as: "anonymous", fields: ["email"] },
  "routes/reset-password": {
    path: "/reset-password?token=nope",
    as: "anonymous",
    fields: ["token", "password", "confirmPassword"],
  },
  "routes/invitations.accept": {
    path: "/invitations/accept?token=nope",
    as: "anonymous",
    fields: ["token", "name", "password", "confirmPassword"],
  },
  "routes/account": {
    path: "/account",
    as: "chapter_member",
    fields: [
      "name",
      "locale",
      "currentPassword",
      "newPassword",
      "confirmPassword",
      "sessionId",
      "confirm",
      "code",
      "digest",
    ],
    intents: ["profile", "password", "end-session", "end-other-sessions", "disable-two-factor", "staff-digest"],
  },
  "routes/account_.two-factor": {
    path: "/account/two-factor",
    as: "chapter_member",
    fields: ["code", "currentPassword"],
  },
  "routes/login_.two-factor": { path: "/login/two-factor", as: "anonymous", fields: ["intent", "code"] },
  "routes/account_.follows": { path: "/account/follows", as: "chapter_member", fields: ["followId"] },
  "routes/admin.users.$userId": {
    path: "/admin/users/:victim",
    as: "admin",
    fields: ["role", "chapterId", "coalitionMemberId", "confirm"],
    intents: ["role", "deactivate", "reactivate", "end-sessions"],
  },
  "routes/staff.invitations": {
    path: "/staff/invitations",
    as: "staff",
    fields: ["email", "name", "role", "locale", "chapterId", "coalitionMemberId", "invitationId", "confirm"],
    intents: ["invite", "revoke"],
  },
  "routes/staff.mail.$id": { path: "/staff/mail/:mail", as: "staff", fields: [] },
  "routes/admin.api-keys.$id_.webhooks._index": {
    path: "/admin/api-keys/:apiKey/webhooks",
    as: "admin",
    fields: ["intent", "url", "events"],
    values: {
      url: ["https://93.184.215.14/hooks", "http://127.0.0.1/x", "https://[::1]/", "https://10.0.0.1/"],
      events: ["signature.confirmed", "threat.changed"],
    },
  },
  "routes/admin.api-keys.$id_.webhooks.$endpointId": {
    path: "/admin/api-keys/:apiKey/webhooks/:webhook",
    as: "admin",
    fields: ["confirm"],
    intents: ["reveal", "test", "enable", "disable", "delete"],
    // Deleting the endpoint leaves nothing for later entries.
    last: true,
  },

  // Threats.
  "routes/threats.new": { path: "/threats/new", as: "staff" },
  "routes/threats.$slug.edit": { path: "/threats/:threat/edit", as: "staff" },
  "routes/threats.$slug.steps.$stepId": {
    path: "/threats/:threat/steps/:step",
    as: "staff",
    fields: ["confirm"],
    intents: ["correct", "delete"],
    // Removing the step changes what later entries may rely on.
    last: true,
  },
  "routes/threats.$slug._index": {
    path: "/threats/:threat",
    as: "staff",
    fields: ["kind", "occurredOn", "description", "outcome", "note", "status"],
    intents: ["action", "outcome", "follow", "unfollow"],
  },
  "routes/threats.$slug.assessment": { path: "/threats/:threat/assessment", as: "chapter_lead" },
  "routes/threats.propose": { path: "/threats/propose", as: "chapter_member" },
  "routes/staff.proposals": {
    path: "/staff/proposals",
    as: "staff",
    fields: ["proposalId", "decision", "comment"],
  },
  "routes/statements.new": { path: "/statements/new", as: "staff" },
  "routes/countries.$code": { path: "/countries/KE", as: "chapter_member", intents: ["follow", "unfollow"] },
  "routes/admin.impact-properties": { path: "/admin/impact-properties", as: "admin", fields: ["propertyId"] },

  // API keys and the OSDI API (its writes take JSON only: a form is refused at the edge).
  "routes/admin.api-keys._index": {
    path: "/admin/api-keys",
    as: "admin",
    fields: ["intent", "name", "access", "resources"],
    intents: ["create"],
    values: { access: ["read", "read_write"], resources: ["signatures", "attendances", "outreaches", "people"] },
  },
  "routes/admin.api-keys.$id": {
    path: "/admin/api-keys/:apiKey",
    as: "admin",
    fields: ["confirm"],
    intents: ["revoke"],
    last: true,
  },
  "routes/api.osdi.v1.petitions.$id.signatures._index": {
    path: "/api/osdi/v1/petitions/:osdiPetition/signatures",
    as: "anonymous",
    fields: ["person", "add_tags"],
  },
  "routes/api.osdi.v1.events.$id.attendances._index": {
    path: "/api/osdi/v1/events/:osdiEvent/attendances",
    as: "anonymous",
    fields: ["person", "status"],
  },
  "routes/api.osdi.v1.events.$id.record_attendance_helper": {
    path: "/api/osdi/v1/events/:osdiEvent/record_attendance_helper",
    as: "anonymous",
    fields: ["person", "status"],
  },
  "routes/api.osdi.v1.petitions.$id.record_signature_helper": {
    path: "/api/osdi/v1/petitions/:osdiPetition/record_signature_helper",
    as: "anonymous",
    fields: ["person", "add_tags"],
  },

  // Coalition.
  "routes/coalition.apply": { path: "/coalition/apply", as: "anonymous", fields: ["website_url"] },
  "routes/coalition.apply_.confirm": { path: "/coalition/apply/confirm?token=nope", as: "anonymous", fields: TOKEN },
  "routes/staff.applications": {
    path: "/staff/applications",
    as: "staff",
    fields: ["applicationId", "decision", "comment"],
  },
  "routes/coalition.$memberId.edit": { path: "/coalition/:member/edit", as: "coalition_member" },
  "routes/staff.name-changes": {
    path: "/staff/name-changes",
    as: "staff",
    fields: ["changeId", "decision", "comment"],
    values: { decision: ["approve", "reject"] },
  },
  "routes/coalition.$memberId._index": {
    path: "/coalition/:member",
    as: "staff",
    fields: ["confirm", "reason"],
    intents: ["suspend", "reactivate", "leave"],
    last: true,
  },
  "routes/coalition.import": {
    path: "/coalition/import",
    as: "staff",
    fields: ["csv"],
    intents: ["check", "import"],
    send: "multipart",
    files: ["file"],
  },

  // Open letters and signing.
  "routes/letters.new": { path: "/letters/new", as: "staff" },
  "routes/letters.$slug.edit": { path: "/letters/:letter/edit", as: "staff" },
  "routes/letters.$slug.manage": {
    path: "/letters/:letter/manage",
    as: "staff",
    fields: ["status", "confirm"],
    intents: ["open", "close", "deliver"],
    last: true,
  },
  "routes/letters.$slug.sign": {
    path: "/letters/:letter/sign",
    as: "anonymous",
    fields: ["website_url"],
    intents: ["individual", "organisation"],
  },
  "routes/letters.confirm": { path: "/letters/confirm?token=nope", as: "anonymous", fields: TOKEN },
  "routes/letters.withdraw": { path: "/letters/withdraw?token=nope", as: "anonymous", fields: TOKEN },
  "routes/staff.letters.$slug.signatures": {
    path: "/staff/letters/:letter/signatures",
    as: "staff",
    fields: ["signatureId", "email", "domain", "reason", "confirm"],
    intents: ["reject", "block", "unblock"],
  },

  // Letters to lawmakers.
  "routes/lawmakers.$id": { path: "/lawmakers/:lawmaker", as: "staff" },
  "routes/lawmakers.import": {
    path: "/lawmakers/import",
    as: "staff",
    fields: ["csv", "mode", "format", "legislature", "jurisdiction"],
    intents: ["check", "import"],
    send: "multipart",
    files: ["file"],
  },
  "routes/campaigns.new": { path: "/campaigns/new", as: "staff" },
  "routes/campaigns.$slug.edit": { path: "/campaigns/:campaign/edit", as: "staff" },
  "routes/campaigns.$slug.manage": {
    path: "/campaigns/:campaign/manage",
    as: "staff",
    fields: ["status", "confirm"],
  },
  "routes/campaigns.$slug._index": {
    path: `/campaigns/${DEMO_CAMPAIGN_SLUG}`,
    as: "anonymous",
    fields: ["place", "name", "email", "locality", "personalNote", "seed", "website_url"],
    intents: ["preview", "send"],
  },
  "routes/campaigns.confirm": { path: "/campaigns/confirm?token=nope", as: "anonymous", fields: TOKEN },
  "routes/webhooks.resend": {
    path: "/webhooks/resend",
    as: "anonymous",
    send: "webhook",
    fields: ["type", "created_at", "email_id", "outbox_id", "to", "svix-id", "svix-timestamp", "svix-signature"],
    values: {
      type: ["email.sent", "email.delivered", "email.bounced", "email.complained", "email.opened"],
      outbox_id: ["1", "2", "3"],
    },
  },

  // Chapters and their advocacy log.
  "routes/chapters.new": { path: "/chapters/new", as: "staff" },
  "routes/chapters.$id.edit": { path: "/chapters/:kenya/edit", as: "staff" },
  "routes/chapters.$id.members": {
    path: "/chapters/:kenya/members",
    as: "chapter_lead",
    fields: ["email", "name", "userId", "confirm"],
    intents: ["invite", "remove"],
    last: true,
  },
  "routes/actions.new": { path: "/actions/new", as: "chapter_member" },
  "routes/actions.$id.edit": {
    path: "/actions/:action/edit",
    as: "chapter_member",
    fields: ["confirm"],
    intents: ["withdraw"],
  },
  "routes/staff.actions": { path: "/staff/actions", as: "staff", fields: ["actionId", "decision", "comment"] },

  // Global Encryption Day events.
  "routes/events.new": { path: "/events/new", as: "chapter_member" },
  "routes/events.$slug._index": {
    path: "/events/:event",
    as: "anonymous",
    fields: ["name", "email", "website_url"],
  },
  "routes/events.rsvp.confirm": { path: "/events/rsvp/confirm?token=nope", as: "anonymous", fields: TOKEN },
  "routes/events.$slug.edit": {
    path: "/events/:event/edit",
    as: "chapter_lead",
    fields: ["confirm"],
    intents: ["withdraw"],
    last: true,
  },
  "routes/events.$slug.report": { path: "/events/:event/report", as: "chapter_lead" },
  "routes/staff.events": {
    path: "/staff/events",
    as: "staff",
    fields: ["eventId", "decision", "comment", "year", "theme", "startsOn", "endsOn"],
    intents: ["event", "edition", "approve"],
  },

  // Yearly targets.
  "routes/staff.translations.$type.$id.$locale": {
    path: "/staff/translations/threat/:translatedThreat/fr",
    as: "staff",
    fields: ["confirm"],
    intents: ["save", "remove"],
  },
  "routes/staff.targets.new": { path: "/staff/targets/new", as: "staff" },
  "routes/staff.targets.$id": { path: "/staff/targets/:target", as: "staff" },
  "routes/staff.targets._index": {
    path: "/staff/targets",
    as: "staff",
    fields: ["targetId", "year", "confirm"],
    intents: ["delete", "snapshot"],
  },

  // Yearly reports.
  "routes/staff.reports.$year": {
    path: "/staff/reports/2025",
    as: "staff",
    fields: ["confirm"],
    intents: ["save", "publish", "unpublish"],
  },
};
