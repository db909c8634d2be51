import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type {
  ActionKind,
  ActionReviewStatus,
  EventKind,
  EventStatus,
  RsvpStatus,
  Unit,
} from "../../app/lib/vocabularies";
export {
  ACTION_KINDS,
  type ActionKind,
  ACTION_REVIEW_STATUSES,
  type ActionReviewStatus,
  REGIONS,
  type Region,
  EVENT_KINDS,
  type EventKind,
  EVENT_STATUSES,
  type EventStatus,
} from "../../app/lib/vocabularies";

export interface AdvocacyActionsTable extends Timestamps {
  id: Generated<number>;
  chapter_id: number | null;
  coalition_member_id: number | null;
  logged_by: number | null;
  kind: ActionKind;
  occurred_on: string;
  description: string;
  policymakers: string | null;
  threat_id: number | null;
  outcome: string | null;
  evidence_url: string | null;
  review_status: ActionReviewStatus;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
}

export interface EventEditionsTable extends Timestamps {
  id: Generated<number>;
  year: number;
  /** The day itself, YYYY-MM-DD. */
  day: string;
  theme: string | null;
}

export interface EventsTable extends Timestamps {
  id: Generated<number>;
  edition_id: number;
  slug: string;
  title: string;
  kind: EventKind;
  chapter_id: number | null;
  coalition_member_id: number | null;
  organiser_name: string;
  submitted_by: number | null;
  jurisdiction_code: string;
  city: string | null;
  online: number;
  /** Wall-clock "YYYY-MM-DDTHH:mm" in `timezone`. */
  starts_local: string;
  ends_local: string;
  /** IANA time zone, e.g. "Africa/Nairobi". */
  timezone: string;
  /** The same instants in UTC, ISO 8601. */
  starts_at: string;
  ends_at: string;
  description: string;
  registration_url: string | null;
  expected_reach: number | null;
  status: EventStatus;
  review_comment: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  attendance: number | null;
  online_views: number | null;
  media_reach: number | null;
  reported_at: string | null;
  rsvp_count: number;
  /** Added by 0022: the language the title and description were written in. */
  original_locale: Generated<string>;
}

export interface EventRsvpsTable extends Timestamps {
  id: Generated<number>;
  event_id: number;
  name: string;
  email: string;
  email_normalised: string;
  share_with_organiser: number;
  locale: string;
  status: RsvpStatus;
  confirm_token_hash: string | null;
  confirmed_at: string | null;
}

export interface TargetsTable extends Timestamps {
  id: Generated<number>;
  year: number;
  title: string;
  metric: string;
  /** JSON object of the metric's filter, or null. */
  filter: string | null;
  comparison: "at_least";
  goal: number;
  manual_value: number | null;
  manual_evidence: string | null;
  /** Added by 0007: the evidence's address and the unit of a manual figure. */
  manual_evidence_url: string | null;
  manual_unit: Unit | null;
  position: number;
  created_by: number | null;
  /** Added by 0022: the language the title was written in. */
  original_locale: Generated<string>;
}

export interface TargetSnapshotsTable {
  target_id: number;
  value: number;
  /** JSON: the drill-down rows and the unit at the time of the snapshot. */
  details: string;
  taken_at: string;
}

/** One row per year staff have opened the yearly report for; `figures` is the JSON frozen at publication. */
export interface ReportPublicationsTable extends Timestamps {
  year: number;
  published: number;
  published_at: string | null;
  published_by: number | null;
  figures: string | null;
  /** JSON array of the section keys shown. */
  sections: string;
  /** The first day a read found the live figures different from the published ones. */
  revised_on: string | null;
}

export interface ReportSectionTextsTable extends Timestamps {
  id: Generated<number>;
  year: number;
  section: string;
  language: string;
  body: string;
  updated_by: number | null;
}
