import type { Kysely } from "kysely";
/** The database's typed schema, one file per area; migrations in db/migrations are the source of truth. */
import type { Insertable, Selectable, Updateable } from "kysely";
import type {
  AuditLogTable,
  ChaptersTable,
  InvitationsTable,
  JurisdictionsTable,
  OutboxTable,
  PasswordResetsTable,
  SessionsTable,
  UserKnownAddressesTable,
  UserRecoveryCodesTable,
  UsersTable,
  UserTotpTable,
} from "./accounts";
import type {
  AdvocacyActionsTable,
  EventEditionsTable,
  EventRsvpsTable,
  EventsTable,
  ReportPublicationsTable,
  ReportSectionTextsTable,
  TargetSnapshotsTable,
  TargetsTable,
} from "./activity";
import type { ApiKeysTable, ApiKeyUsageTable } from "./api-keys";
import type {
  CampaignLetterEventsTable,
  CampaignLettersTable,
  CampaignSendersTable,
  CampaignTargetsTable,
  CampaignTemplatesTable,
  LawmakersTable,
  LetterCampaignsTable,
  WebhookDeliveriesTable,
} from "./campaigns";
import type { ContentVersionsTable } from "./content";
import type { CoalitionApplicationsTable, CoalitionMemberChangesTable, CoalitionMembersTable } from "./coalition";
import type {
  OpenLetterSignatureCountsTable,
  OpenLettersTable,
  OpenLetterTextsTable,
  OpenLetterThreatsTable,
  SignatureBlocklistTable,
  SignaturesTable,
} from "./letters";
import type {
  FollowsTable,
  ImpactAssessmentsTable,
  ImpactPropertiesTable,
  ImpactRatingsTable,
  PolicymakerStatementsTable,
  ThreatActionsTable,
  ThreatCategoriesTable,
  ThreatOutcomeChangesTable,
  ThreatProposalsTable,
  ThreatRelationsTable,
  ThreatSourcesTable,
  ThreatsFtsTable,
  ThreatsTable,
} from "./threats";
import type { WebhookEndpointsTable, WebhookOutboxTable } from "./webhooks";

export * from "./accounts";
export * from "./activity";
export * from "./api-keys";
export * from "./campaigns";
export * from "./coalition";
export * from "./content";
export * from "./letters";
export * from "./threats";
export * from "./webhooks";

/** Shared rate-limit counters (RATE_LIMIT_STORE=database), written by rate-limiter-flexible. */
export interface RateLimitsTable {
  key: string;
  points: number;
  /** When the window ends, in milliseconds since the epoch. */
  expire: number | null;
}

/** The row /healthz rewrites to prove the write path works. */
export interface HealthChecksTable {
  id: number;
  checked_at: string;
}

export interface Database {
  jurisdictions: JurisdictionsTable;
  chapters: ChaptersTable;
  coalition_members: CoalitionMembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  user_known_addresses: UserKnownAddressesTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  invitations: InvitationsTable;
  outbox: OutboxTable;
  rate_limits: RateLimitsTable;
  health_checks: HealthChecksTable;
  audit_log: AuditLogTable;
  threats: ThreatsTable;
  threats_fts: ThreatsFtsTable;
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
  coalition_member_changes: CoalitionMemberChangesTable;
  open_letters: OpenLettersTable;
  open_letter_texts: OpenLetterTextsTable;
  open_letter_threats: OpenLetterThreatsTable;
  signatures: SignaturesTable;
  open_letter_signature_counts: OpenLetterSignatureCountsTable;
  signature_blocklist: SignatureBlocklistTable;
  lawmakers: LawmakersTable;
  letter_campaigns: LetterCampaignsTable;
  campaign_templates: CampaignTemplatesTable;
  campaign_targets: CampaignTargetsTable;
  campaign_senders: CampaignSendersTable;
  campaign_letters: CampaignLettersTable;
  campaign_letter_events: CampaignLetterEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  advocacy_actions: AdvocacyActionsTable;
  event_editions: EventEditionsTable;
  events: EventsTable;
  event_rsvps: EventRsvpsTable;
  targets: TargetsTable;
  target_snapshots: TargetSnapshotsTable;
  report_publications: ReportPublicationsTable;
  report_section_texts: ReportSectionTextsTable;
  api_keys: ApiKeysTable;
  api_key_usage: ApiKeyUsageTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  content_versions: ContentVersionsTable;
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
export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookOutboxRow = Selectable<WebhookOutboxTable>;

/** The database or a transaction in it (a Transaction<Database> is a Kysely<Database>). */
export type Executor = Kysely<Database>;
