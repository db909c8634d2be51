import type { Generated } from "kysely";
import type { Timestamps } from "./common";
import type { ApiKeyAccess } from "../../app/lib/vocabularies";
export { API_KEY_ACCESS, type ApiKeyAccess, API_KEY_RESOURCES, type ApiKeyResource } from "../../app/lib/vocabularies";

/** A key for the OSDI API. The token itself is never stored: only its SHA-256 and a public prefix. */
export interface ApiKeysTable extends Timestamps {
  id: Generated<number>;
  name: string;
  /** The token's public start (e.g. "hub_k3f9x2ab"), unique: how a request's key is found and shown. */
  prefix: string;
  /** SHA-256 (hex) of the whole token. */
  token_hash: string;
  access: ApiKeyAccess;
  /** JSON array of ApiKeyResource. */
  resources: string;
  created_by: number | null;
  revoked_by: number | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Requests made with a key, counted per UTC day (instead of one audit row per request). */
export interface ApiKeyUsageTable {
  api_key_id: number;
  /** YYYY-MM-DD, UTC. */
  day: string;
  requests: number;
  writes: number;
}
