import type { Generated } from "kysely";
import type { Timestamps } from "./common";

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
