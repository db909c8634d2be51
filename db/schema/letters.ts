import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type { BlocklistKind, LetterStatus, SignatureKind, SignatureStatus } from "../../app/lib/vocabularies";
export {
  LETTER_STATUSES,
  type LetterStatus,
  SIGNATURE_STATUSES,
  type SignatureStatus,
} from "../../app/lib/vocabularies";

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
  kind: SignatureKind;
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

/**
 * A letter's confirmed signatures by country, kind and consent to be listed, changed in the same
 * transaction as each signature's status. `jurisdiction_code` is '' for signatures without one.
 */
export interface OpenLetterSignatureCountsTable {
  letter_id: number;
  jurisdiction_code: string;
  kind: SignatureKind;
  show_publicly: number;
  count: number;
}

export interface SignatureBlocklistTable extends Timestamps {
  id: Generated<number>;
  kind: BlocklistKind;
  value: string;
  reason: string | null;
  created_by: number | null;
}
