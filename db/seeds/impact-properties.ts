import type { Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * The critical properties of the Internet way of networking and the enablers of a trustworthy
 * Internet, as rows an admin can edit (names, order, retirement), not as code.
 */
const PROPERTIES = [
  [
    "accessible_infrastructure",
    "property",
    "An accessible infrastructure with a common protocol",
    "Une infrastructure accessible avec un protocole commun",
  ],
  [
    "open_architecture",
    "property",
    "An open architecture of interoperable and reusable building blocks",
    "Une architecture ouverte de briques interopérables et réutilisables",
  ],
  [
    "decentralised_management",
    "property",
    "Decentralised management and a single distributed routing system",
    "Une gestion décentralisée et un système de routage unique et distribué",
  ],
  ["common_identifiers", "property", "Common global identifiers", "Des identifiants mondiaux communs"],
  [
    "neutral_network",
    "property",
    "A technology-neutral, general-purpose network",
    "Un réseau généraliste et neutre sur le plan technologique",
  ],
  [
    "confidentiality",
    "enabler",
    "Confidentiality of information, devices and applications",
    "Confidentialité des informations, des appareils et des applications",
  ],
  [
    "integrity",
    "enabler",
    "Integrity of information, applications and services",
    "Intégrité des informations, des applications et des services",
  ],
  ["privacy", "enabler", "Privacy", "Vie privée"],
  ["reliability", "enabler", "Reliability, resilience and availability", "Fiabilité, résilience et disponibilité"],
  ["accountability", "enabler", "Accountability", "Responsabilité"],
] as const;

export async function seedImpactProperties(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("impact_properties")
    .values(
      PROPERTIES.map(([key, kind, name_en, name_fr], position) => ({
        key,
        kind,
        name_en,
        name_fr,
        position,
        active: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}
