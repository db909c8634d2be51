import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type { CampaignLetterStatus, CampaignStatus, RecipientMode, SenderStatus } from "../../app/lib/vocabularies";
export {
  CAMPAIGN_STATUSES,
  type CampaignStatus,
  CAMPAIGN_LETTER_STATUSES,
  type CampaignLetterStatus,
} from "../../app/lib/vocabularies";

export interface LawmakersTable extends Timestamps {
  id: Generated<number>;
  name: string;
  title: string | null;
  body: string;
  jurisdiction_code: string;
  constituency: string | null;
  party: string | null;
  email: string | null;
  email_normalised: string | null;
  contact_url: string | null;
  source_url: string | null;
  verified_on: string | null;
  /** The constituency as an Open Civic Data division id; null when unknown. */
  ocd_division_id: string | null;
  match_key: string;
  search_text: Generated<string>;
}

export interface LetterCampaignsTable extends Timestamps {
  id: Generated<number>;
  slug: string;
  threat_id: number;
  status: CampaignStatus;
  target_mode: RecipientMode;
  rule_jurisdiction_code: string | null;
  rule_body: string | null;
  /** JSON array of constituencies; null or [] means any. */
  rule_constituencies: string | null;
  sender_picks_constituency: number;
  fallback_lawmaker_id: number | null;
  sending_address: string;
  created_by: number | null;
  opened_at: string | null;
  closed_at: string | null;
}

export interface CampaignTemplatesTable extends Timestamps {
  id: Generated<number>;
  campaign_id: number;
  language: string;
  title: string;
  introduction: string;
  /** JSON array of subject templates. */
  subject_variants: string;
  body_template: string;
}

export interface CampaignTargetsTable {
  campaign_id: number;
  lawmaker_id: number;
}

export interface CampaignSendersTable extends Timestamps {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  email: string | null;
  locality: string | null;
  jurisdiction_code: string | null;
  constituency: string | null;
  personal_note: string | null;
  locale: string;
  status: SenderStatus;
  confirm_token_hash: string | null;
  confirmed_at: string | null;
  ip_hash: string | null;
  scrubbed_at: string | null;
}

export interface CampaignLettersTable extends Timestamps {
  id: Generated<number>;
  campaign_id: number;
  sender_id: number;
  lawmaker_id: number;
  sender_key: string;
  subject: string;
  body: string | null;
  status: CampaignLetterStatus;
  outbox_id: number | null;
  provider_id: string | null;
  status_changed_at: string;
  scrubbed_at: string | null;
}

export interface CampaignLetterEventsTable {
  id: Generated<number>;
  letter_id: number;
  from_status: CampaignLetterStatus | null;
  to_status: CampaignLetterStatus;
  detail: string | null;
  created_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  type: string;
  received_at: string;
}
