import type { Kysely } from "kysely";
import type { DialectName } from "../dialect";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_threats";
import * as m0003 from "./0003_coalition";
import * as m0004 from "./0004_open_letters";
import * as m0005 from "./0005_campaigns";
import * as m0006 from "./0006_actions_events_targets";
import * as m0007 from "./0007_targets_evidence_indexes";
import * as m0008 from "./0008_rate_limits";
import * as m0009 from "./0009_auth_hardening";
import * as m0010 from "./0010_pending_entries_and_mail_caps";
import * as m0011 from "./0011_organisation_name_changes";
import * as m0012 from "./0012_health_checks";
import * as m0013 from "./0013_signature_counters";
import * as m0014 from "./0014_public_page_indexes";
import * as m0015 from "./0015_staff_digest";
import * as m0017 from "./0017_reports";
import * as m0018 from "./0018_application_public_profile";
import * as m0019 from "./0019_api_keys";
import * as m0020 from "./0020_webhooks";
import * as m0021 from "./0021_lawmaker_divisions";
import * as m0022 from "./0022_content_versions";
import * as m0023 from "./0023_threat_search_index";

export interface MigrationModule {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
  down?(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit or reorder landed ones. */
export const migrations: Record<string, MigrationModule> = {
  "0001_foundation": m0001,
  "0002_threats": m0002,
  "0003_coalition": m0003,
  "0004_open_letters": m0004,
  "0005_campaigns": m0005,
  "0006_actions_events_targets": m0006,
  "0007_targets_evidence_indexes": m0007,
  "0008_rate_limits": m0008,
  "0009_auth_hardening": m0009,
  "0010_pending_entries_and_mail_caps": m0010,
  "0011_organisation_name_changes": m0011,
  "0012_health_checks": m0012,
  "0013_signature_counters": m0013,
  "0014_public_page_indexes": m0014,
  "0015_staff_digest": m0015,
  "0017_reports": m0017,
  "0018_application_public_profile": m0018,
  "0019_api_keys": m0019,
  "0020_webhooks": m0020,
  "0021_lawmaker_divisions": m0021,
  "0022_content_versions": m0022,
  "0023_threat_search_index": m0023,
};
