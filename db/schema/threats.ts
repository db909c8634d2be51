import type { Generated } from "kysely";
import type {
  ImpactPropertyKind,
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
} from "../../app/lib/vocabularies";
import type { Timestamps } from "./common";

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
  /** Added by 0022: the language the staff wrote the title and summary in. */
  original_locale: Generated<string>;
}

/**
 * SQLite only (migration 0023): the FTS5 trigram index of `threats.search_text`, its rowid the
 * threat's id, kept in step by triggers. Searched through `trigramMatchIds()` (db/dialect.ts); on
 * PostgreSQL the same search uses a pg_trgm index on `threats.search_text` and this table does not
 * exist.
 */
export interface ThreatsFtsTable {
  rowid: number;
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
  kind: ImpactPropertyKind;
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
