import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/**
 * A few French versions, so the staff view has something translated and a French reader sees both
 * cases: the EU CSAM regulation's summary and the latest year's first target (its others stay
 * in English).
 */
const TARGET_TITLES_FR: Record<string, string> = {
  "Fight 5 new threats": "Combattre 5 nouvelles menaces",
  "Mitigate 75 % of threats to encryption": "Atténuer 75 % des menaces contre le chiffrement",
};
const THREAT_SLUG = "eu-eu-csam-regulation-2022";
const THREAT_SUMMARY_FR =
  "Un règlement européen qui permettrait d’ordonner aux services de messagerie, même chiffrés de bout en bout, " +
  "de rechercher des contenus d’abus sexuels sur enfants dans les communications privées. Dates illustratives.";

export async function seedDemoTranslations(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const rows: Array<{ type: string; id: number; field: string; body: string; source: string }> = [];
  const threat = await db
    .selectFrom("threats")
    .select(["id", "summary"])
    .where("slug", "=", THREAT_SLUG)
    .executeTakeFirst();
  if (threat)
    rows.push({ type: "threat", id: threat.id, field: "summary", body: THREAT_SUMMARY_FR, source: threat.summary });
  const target = await db
    .selectFrom("targets")
    .select(["id", "title"])
    .orderBy("year", "desc")
    .orderBy("position")
    .executeTakeFirst();
  const targetTitle = target ? TARGET_TITLES_FR[target.title] : undefined;
  if (target && targetTitle) {
    rows.push({ type: "target", id: target.id, field: "title", body: targetTitle, source: target.title });
  }
  for (const row of rows) {
    await db
      .insertInto("content_versions")
      .values({
        entity_type: row.type,
        entity_id: row.id,
        field: row.field,
        locale: "fr",
        body: row.body,
        source_text: row.source,
        updated_by: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["entity_type", "entity_id", "field", "locale"]).doNothing())
      .execute();
  }
}
