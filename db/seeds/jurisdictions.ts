import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import type { Kysely } from "kysely";
import type { Database } from "../schema";

countries.registerLocale(en);
countries.registerLocale(fr);

/** Names for the two jurisdictions that are not ISO 3166-1 countries. */
const NON_COUNTRIES = [
  { code: "EU", kind: "union", name_en: "European Union", name_fr: "Union européenne" },
  {
    code: "INT",
    kind: "international",
    name_en: "International fora (UN, ITU)",
    name_fr: "Instances internationales (ONU, UIT)",
  },
] as const;

export function allJurisdictions() {
  const rows = Object.keys(countries.getAlpha2Codes()).map((code) => ({
    code,
    kind: "country" as const,
    name_en: countries.getName(code, "en") ?? code,
    name_fr: countries.getName(code, "fr") ?? code,
  }));
  return [...rows, ...NON_COUNTRIES];
}

/** Inserts every jurisdiction that is missing and refreshes names of the others. Idempotent. */
export async function seedJurisdictions(db: Kysely<Database>): Promise<number> {
  const now = new Date().toISOString();
  const rows = allJurisdictions().map((j) => ({ ...j, created_at: now, updated_at: now }));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto("jurisdictions")
        .values(rows.slice(i, i + 100))
        .onConflict((oc) =>
          oc.column("code").doUpdateSet((eb) => ({
            name_en: eb.ref("excluded.name_en"),
            name_fr: eb.ref("excluded.name_fr"),
          })),
        )
        .execute();
    }
  });
  return rows.length;
}
