import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type { ApplicationKind, ApplicationStatus, MemberChangeStatus, MemberStatus } from "../../app/lib/vocabularies";
export { MEMBER_CHANGE_STATUSES, type MemberChangeStatus } from "../../app/lib/vocabularies";

export interface CoalitionMembersTable extends Timestamps {
  id: Generated<number>;
  /** The approved public name; a representative's change waits in coalition_member_changes. */
  name: string;
  /** `foldName(name)` (app/lib/search.ts): unique, so names differing only in case or accents clash. */
  name_folded: string;
  sector: string;
  jurisdiction_code: string | null;
  website: string | null;
  joined_on: string | null;
  status: MemberStatus;
  public_profile: string | null;
  contact_email: string | null;
  search_text: Generated<string>;
  /** 1 when the member agreed to appear in the public directory. */
  public_listing: Generated<number>;
}

export interface CoalitionApplicationsTable extends Timestamps {
  id: Generated<number>;
  kind: ApplicationKind;
  name: string;
  sector: string;
  jurisdiction_code: string;
  website: string | null;
  contact_name: string;
  contact_email: string;
  /** Private to the staff. */
  motivation: string;
  /** The applicant's text for the directory; becomes the member's public profile on approval. */
  public_profile: string | null;
  consent_public: number;
  locale: string;
  status: ApplicationStatus;
  confirm_token_hash: string;
  confirmed_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  decline_reason: string | null;
  member_id: number | null;
}

/** A representative's change of their organisation's public name or website, held for staff review. */
export interface CoalitionMemberChangesTable extends Timestamps {
  id: Generated<number>;
  member_id: number;
  requested_by: number | null;
  /** The requested name; null when the request keeps the name. */
  name: string | null;
  name_folded: string | null;
  /** 1 when the request changes the website (to `website`; null removes it). */
  website_changed: number;
  website: string | null;
  previous_name: string;
  previous_website: string | null;
  status: MemberChangeStatus;
  reviewed_by: number | null;
  reviewed_at: string | null;
  review_comment: string | null;
}
