import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { seedImpactProperties } from "./impact-properties";
import { seedJurisdictions } from "./jurisdictions";

/** Data every deployment needs, demo or not: jurisdictions and impact-assessment properties. */
export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await seedJurisdictions(db);
  await seedImpactProperties(db);
}
