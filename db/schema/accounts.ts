import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type {
  ChapterKind,
  ChapterStatus,
  JurisdictionKind,
  OutboxStatus,
  Role,
  UserStatus,
} from "../../app/lib/vocabularies";
export { ROLES, type Role, OUTBOX_STATUSES, type OutboxStatus } from "../../app/lib/vocabularies";

export interface JurisdictionsTable extends Timestamps {
  /** ISO 3166-1 alpha-2, or EU / INT. The natural key is the id. */
  code: string;
  kind: JurisdictionKind;
  name_en: string;
  name_fr: string;
}

export interface ChaptersTable extends Timestamps {
  id: Generated<number>;
  name: string;
  jurisdiction_code: string;
  kind: ChapterKind;
  status: ChapterStatus;
  /** World region for filters (see REGIONS in activity.ts); null until set. */
  region: string | null;
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
  status: UserStatus;
  last_login_at: string | null;
  /** When the owner was last told by e-mail about many failed sign-ins (at most one per few hours). */
  login_alert_sent_at: string | null;
  /** 1: staff and admins get the daily digest of waiting reviews (the default); 0: they opted out. */
  staff_digest: Generated<number>;
}

export interface SessionsTable extends Timestamps {
  /** Public half of the token; the secret half is only stored as a SHA-256 hash. */
  id: string;
  secret_hash: string;
  user_id: number;
  /** The idle expiry: slides forward while the session is used. */
  expires_at: string;
  /** The absolute end, fixed at creation; null only for sessions older than migration 0009. */
  absolute_expires_at: string | null;
  /** The User-Agent header at sign-in, cut to 512 characters; the account page summarises it. */
  user_agent: string | null;
  /** The client's /24 (IPv4) or /48 (IPv6) network, never the full address. */
  network: string | null;
  last_seen_at: string | null;
}

/** An address a user has signed in from, as an HMAC (APP_SECRET) of the address: never the address. */
export interface UserKnownAddressesTable extends Timestamps {
  id: Generated<number>;
  user_id: number;
  address_hash: string;
  last_seen_at: string;
}

/** A user's TOTP (RFC 6238) secret, encrypted with a key derived from APP_SECRET. */
export interface UserTotpTable extends Timestamps {
  user_id: number;
  secret_encrypted: string;
  /** Null while enrolment waits for the first code. */
  confirmed_at: string | null;
  /** The last accepted time step: a code of that step or an earlier one is refused. */
  last_used_step: number | null;
}

export interface UserRecoveryCodesTable extends Timestamps {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the normalised code (the codes have 50 random bits or more). */
  code_hash: string;
  used_at: string | null;
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
  /** Keyed hash of the normalised recipient, set on unsolicited mail only (the per-address caps). */
  recipient_key: string | null;
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
