import { db } from "../../../db/connection";

interface JurisdictionOption {
  code: string;
  name_en: string;
  name_fr: string;
}

// Reference data that changes only with a deployment's seed: read once per process.
let cached: Promise<JurisdictionOption[]> | undefined;

export function listJurisdictions(): Promise<JurisdictionOption[]> {
  cached ??= db.selectFrom("jurisdictions").select(["code", "name_en", "name_fr"]).orderBy("code").execute();
  return cached;
}
