import type { Generated, Insertable, Selectable, Updateable } from "kysely";
import type {
  Category,
  Classification,
  Outcome,
  ProposalStatus,
  Rating,
  Relation,
  Severity,
  Stance,
  StatementKind,
  ThreatKind,
} from "../app/features/threats/constants";

/** Columns every table has. Timestamps are ISO-8601 strings in UTC. */
interface Timestamps {
  created_at: string;
  updated_at: string;
}

export const ROLES = ["admin", "staff", "chapter_lead", "chapter_member", "coalition_member"] as const;
export type Role = (typeof ROLES)[number];

export interface JurisdictionsTable extends Timestamps {
  /** ISO 3166-1 alpha-2, or EU / INT. The natural key is the id. */
  code: string;
  kind: "country" | "union" | "international";
  name_en: string;
  name_fr: string;
}

export interface ChaptersTable extends Timestamps {
  id: Generated<number>;
  name: string;
  jurisdiction_code: string;
  kind: "chapter" | "sig";
  status: "active" | "inactive";
}

export interface CoalitionMembersTable extends Timestamps {
  id: Generated<number>;
  name: string;
  sector: string;
  jurisdiction_code: string | null;
  website: string | null;
  joined_on: string | null;
  status: "applied" | "active" | "suspended" | "left";
  public_profile: string | null;
  contact_email: string | null;
  search_text: Generated<string>;
  /** 1 when the member agreed to appear in the public directory. */
  public_listing: Generated<number>;
}

export interface CoalitionApplicationsTable extends Timestamps {
  id: Generated<number>;
  kind: "organisation" | "individual_expert";
  name: string;
  sector: string;
  jurisdiction_code: string;
  website: string | null;
  contact_name: string;
  contact_email: string;
  motivation: string;
  consent_public: number;
  locale: string;
  status: "unconfirmed" | "pending" | "approved" | "declined";
  confirm_token_hash: string;
  confirmed_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  decline_reason: string | null;
  member_id: number | null;
}

export interface UsersTable extends Timestamps {
  id: Generated<number>;
  /** Stored trimmed and lower-cased; unique. */
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  chapter_id: number | null;
  coalition_member_id: number | null;
  locale: string;
  status: "active" | "deactivated";
  last_login_at: string | null;
}

export interface SessionsTable extends Timestamps {
  /** Public half of the token; the secret half is only stored as a SHA-256 hash. */
  id: string;
  secret_hash: string;
  user_id: number;
  expires_at: string;
}

export interface PasswordResetsTable extends Timestamps {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationsTable extends Timestamps {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  chapter_id: number | null;
  coalition_member_id: number | null;
  locale: string;
  invited_by: number | null;
  token_hash: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxTable extends Timestamps {
  id: Generated<number>;
  idempotency_key: string;
  template: string;
  locale: string;
  to_address: string;
  from_address: string;
  reply_to: string | null;
  subject: string;
  html: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  provider_id: string | null;
  sent_at: string | null;
}

export interface AuditLogTable extends Timestamps {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

export interface ThreatsTable extends Timestamps {
  id: Generated<number>;
  slug: string;
  jurisdiction_code: string;
  kind: ThreatKind;
  identifier: string | null;
  title: string;
  short_name: string | null;
  summary: string;
  severity: Severity;
  first_seen_on: string;
  stage: Classification | null;
  stage_on: string | null;
  outcome: Outcome;
  outcome_reason: string | null;
  outcome_on: string | null;
  search_text: string;
}

export interface ThreatCategoriesTable {
  threat_id: number;
  category: Category;
}

export interface ThreatSourcesTable extends Timestamps {
  id: Generated<number>;
  threat_id: number;
  url: string;
  label: string | null;
}

export interface ThreatRelationsTable extends Timestamps {
  id: Generated<number>;
  threat_id: number;
  related_threat_id: number;
  relation: Relation;
}

export interface ThreatActionsTable extends Timestamps {
  id: Generated<number>;
  threat_id: number;
  occurred_on: string;
  classification: Classification;
  note: string | null;
  source_url: string | null;
  created_by: number | null;
}

export interface ThreatOutcomeChangesTable extends Timestamps {
  id: Generated<number>;
  threat_id: number;
  outcome: Outcome;
  reason: string;
  decided_on: string;
  changed_by: number | null;
}

export interface ThreatProposalsTable extends Timestamps {
  id: Generated<number>;
  proposed_by: number;
  chapter_id: number | null;
  jurisdiction_code: string;
  kind: ThreatKind;
  identifier: string | null;
  title: string;
  summary: string;
  source_url: string | null;
  status: ProposalStatus;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  threat_id: number | null;
}

export interface ImpactPropertiesTable extends Timestamps {
  id: Generated<number>;
  key: string;
  kind: "property" | "enabler";
  name_en: string;
  name_fr: string;
  position: number;
  active: number;
}

export interface ImpactAssessmentsTable extends Timestamps {
  id: Generated<number>;
  threat_id: number;
  assessed_by: number | null;
  summary: string | null;
}

export interface ImpactRatingsTable extends Timestamps {
  id: Generated<number>;
  assessment_id: number;
  property_id: number;
  rating: Rating;
  note: string | null;
}

export interface PolicymakerStatementsTable extends Timestamps {
  id: Generated<number>;
  speaker: string;
  speaker_role: string | null;
  body: string | null;
  jurisdiction_code: string;
  stated_on: string;
  stance: Stance;
  kind: StatementKind;
  quote: string | null;
  url: string | null;
  threat_id: number | null;
  created_by: number | null;
}

export interface FollowsTable extends Timestamps {
  id: Generated<number>;
  user_id: number;
  threat_id: number | null;
  jurisdiction_code: string | null;
}

export const LETTER_STATUSES = ["draft", "open", "closed", "delivered"] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];
export const SIGNATURE_STATUSES = ["pending", "confirmed", "withdrawn", "rejected"] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export interface OpenLettersTable extends Timestamps {
  id: Generated<number>;
  slug: string;
  status: LetterStatus;
  opens_on: string | null;
  closes_on: string | null;
  signature_goal: number | null;
  current_version: number;
  confirmed_count: number;
  delivered_on: string | null;
  delivered_to: string | null;
  created_by: number | null;
}

export interface OpenLetterTextsTable extends Timestamps {
  id: Generated<number>;
  letter_id: number;
  version: number;
  language: string;
  title: string;
  body: string;
}

export interface OpenLetterThreatsTable {
  letter_id: number;
  threat_id: number;
}

export interface SignaturesTable extends Timestamps {
  id: Generated<number>;
  letter_id: number;
  version: number;
  kind: "organisation" | "individual";
  name: string;
  affiliation: string | null;
  jurisdiction_code: string | null;
  email: string | null;
  email_normalised: string | null;
  coalition_member_id: number | null;
  signed_by_user_id: number | null;
  show_publicly: number;
  status: SignatureStatus;
  confirm_token_hash: string | null;
  withdraw_token_hash: string | null;
  confirmed_at: string | null;
  withdrawn_at: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
  ip_hash: string | null;
}

export interface SignatureBlocklistTable extends Timestamps {
  id: Generated<number>;
  kind: "email_domain" | "ip";
  value: string;
  reason: string | null;
  created_by: number | null;
}

export interface Database {
  jurisdictions: JurisdictionsTable;
  chapters: ChaptersTable;
  coalition_members: CoalitionMembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  threats: ThreatsTable;
  threat_categories: ThreatCategoriesTable;
  threat_sources: ThreatSourcesTable;
  threat_relations: ThreatRelationsTable;
  threat_actions: ThreatActionsTable;
  threat_outcome_changes: ThreatOutcomeChangesTable;
  threat_proposals: ThreatProposalsTable;
  impact_properties: ImpactPropertiesTable;
  impact_assessments: ImpactAssessmentsTable;
  impact_ratings: ImpactRatingsTable;
  policymaker_statements: PolicymakerStatementsTable;
  follows: FollowsTable;
  coalition_applications: CoalitionApplicationsTable;
  open_letters: OpenLettersTable;
  open_letter_texts: OpenLetterTextsTable;
  open_letter_threats: OpenLetterThreatsTable;
  signatures: SignaturesTable;
  signature_blocklist: SignatureBlocklistTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Chapter = Selectable<ChaptersTable>;
export type Jurisdiction = Selectable<JurisdictionsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type Invitation = Selectable<InvitationsTable>;
export type Threat = Selectable<ThreatsTable>;
export type ThreatAction = Selectable<ThreatActionsTable>;
