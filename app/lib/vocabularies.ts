/**
 * Every stored vocabulary (the values a column may hold), defined once: the database schema, the
 * form schemas, the filters and the pages all derive their types and options from these lists.
 */

export const ROLES = ["admin", "staff", "chapter_lead", "chapter_member", "coalition_member"] as const;
export type Role = (typeof ROLES)[number];

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const ACTION_KINDS = [
  "meeting",
  "written_submission",
  "open_letter",
  "public_statement",
  "media",
  "social_media",
  "training",
  "impact_assessment",
  "amicus_brief",
  "event",
  "other",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const ACTION_REVIEW_STATUSES = ["pending", "accepted", "needs_changes", "withdrawn"] as const;
export type ActionReviewStatus = (typeof ACTION_REVIEW_STATUSES)[number];

export const REGIONS = ["africa", "americas", "asia_pacific", "europe", "middle_east", "global"] as const;
export type Region = (typeof REGIONS)[number];

export const EVENT_KINDS = ["letter_signing", "direct_advocacy", "training", "media", "online", "other"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ["submitted", "approved", "changes_requested", "withdrawn"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const LETTER_STATUSES = ["draft", "open", "closed", "delivered"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const SIGNATURE_STATUSES = ["pending", "confirmed", "withdrawn", "rejected"] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export const MEMBER_CHANGE_STATUSES = ["pending", "approved", "rejected", "withdrawn"] as const;
export type MemberChangeStatus = (typeof MEMBER_CHANGE_STATUSES)[number];

export const CAMPAIGN_STATUSES = ["draft", "open", "paused", "closed"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_LETTER_STATUSES = [
  "pending_confirmation",
  "queued",
  "sent",
  "delivered",
  "bounced",
  "failed",
  "handed_to_sender",
] as const;
export type CampaignLetterStatus = (typeof CAMPAIGN_LETTER_STATUSES)[number];

// The threat tracker's vocabularies.
export const THREAT_KINDS = [
  "bill",
  "regulation",
  "draft_rule",
  "court_case",
  "international_process",
  "other",
] as const;
export const CATEGORIES = [
  "encryption",
  "fragmentation",
  "shutdown",
  "intermediary_liability",
  "routing_security",
  "privacy",
  "other",
] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
/** One lifecycle that fits every legal system; a threat's stage is its latest action's class. */
export const CLASSIFICATIONS = [
  "drafted",
  "consultation",
  "introduced",
  "committee",
  "passed_chamber",
  "passed_legislature",
  "enacted",
  "implementation",
  "amended",
  "withdrawn",
  "defeated",
  "lapsed",
  "struck_down",
  "reintroduced",
] as const;
export const OUTCOMES = ["open", "mitigated", "partially_mitigated", "not_mitigated"] as const;
export const RELATIONS = ["reintroduced_as", "replaces"] as const;
export const RATINGS = ["positive", "none", "negative", "severe"] as const;
export const STANCES = ["supportive", "neutral", "opposed"] as const;
export const STATEMENT_KINDS = ["statement", "delegation_position", "policy_adopted"] as const;
export const PROPOSAL_STATUSES = ["pending", "accepted", "merged", "rejected"] as const;

export type ThreatKind = (typeof THREAT_KINDS)[number];
export type Category = (typeof CATEGORIES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type Classification = (typeof CLASSIFICATIONS)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Relation = (typeof RELATIONS)[number];
export type Rating = (typeof RATINGS)[number];
export type Stance = (typeof STANCES)[number];
export type StatementKind = (typeof STATEMENT_KINDS)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

// The coalition's vocabularies.
export const SECTORS = [
  "civil_society",
  "industry",
  "academia",
  "individual_expert",
  "child_safety",
  "government",
  "other",
] as const;
export const MEMBER_STATUSES = ["applied", "active", "suspended", "left"] as const;
export type Sector = (typeof SECTORS)[number];
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
export const APPLICATION_KINDS = ["organisation", "individual_expert"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_STATUSES = ["unconfirmed", "pending", "approved", "declined"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

// Places, chapters and accounts.
export const JURISDICTION_KINDS = ["country", "union", "international"] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];
export const CHAPTER_KINDS = ["chapter", "sig"] as const;
export type ChapterKind = (typeof CHAPTER_KINDS)[number];
export const CHAPTER_STATUSES = ["active", "inactive"] as const;
export type ChapterStatus = (typeof CHAPTER_STATUSES)[number];
export const USER_STATUSES = ["active", "deactivated"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

// Letters, signatures and campaigns.
export const SIGNATURE_KINDS = ["individual", "organisation"] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];
export const BLOCKLIST_KINDS = ["email_domain", "ip"] as const;
export type BlocklistKind = (typeof BLOCKLIST_KINDS)[number];
export const RECIPIENT_MODES = ["rule", "list"] as const;
export type RecipientMode = (typeof RECIPIENT_MODES)[number];
export const SENDER_STATUSES = ["pending_confirmation", "confirmed"] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

// Events, targets and impact assessments.
export const RSVP_STATUSES = ["pending", "confirmed"] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];
export const UNITS = ["count", "percent", "people"] as const;
export type Unit = (typeof UNITS)[number];
export const IMPACT_PROPERTY_KINDS = ["property", "enabler"] as const;
export type ImpactPropertyKind = (typeof IMPACT_PROPERTY_KINDS)[number];

// API keys.
export const API_KEY_ACCESS = ["read", "read_write"] as const;
export type ApiKeyAccess = (typeof API_KEY_ACCESS)[number];
/** The personal-data resources of the OSDI API a key may be given; public resources need none. */
export const API_KEY_RESOURCES = ["signatures", "attendances", "outreaches", "people"] as const;
export type ApiKeyResource = (typeof API_KEY_RESOURCES)[number];

// Outbound webhooks.
export const WEBHOOK_EVENT_TYPES = ["signature.confirmed", "rsvp.confirmed", "letter.sent", "threat.changed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WEBHOOK_DISABLED_REASONS = ["admin", "failures"] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];
