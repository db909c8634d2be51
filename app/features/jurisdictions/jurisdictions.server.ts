import { db } from "~db/connection";
import { jurisdictionName } from "~/features/jurisdictions/names";

export interface JurisdictionOption {
  value: string;
  label: string;
}

// Reference data that changes only with a deployment's seed: read and sorted once per language.
const cache = new Map<string, Promise<JurisdictionOption[]>>();

/** Every jurisdiction as a select option in the reader's language, sorted by name. */
export function jurisdictionOptions(locale: string): Promise<JurisdictionOption[]> {
  let pending = cache.get(locale);
  if (!pending) {
    pending = db
      .selectFrom("jurisdictions")
      .select(["code", "name_en", "name_fr"])
      .execute()
      .then((rows) =>
        rows
          .map((row) => ({ value: row.code, label: `${jurisdictionName(row, locale)} (${row.code})` }))
          .sort((a, b) => a.label.localeCompare(b.label, locale)),
      );
    pending.catch(() => cache.delete(locale));
    cache.set(locale, pending);
  }
  return pending;
}

let rows: Promise<Array<{ code: string; name_en: string; name_fr: string }>> | undefined;

/** Every jurisdiction with both names, read once per process. */
export function listJurisdictions() {
  rows ??= db.selectFrom("jurisdictions").select(["code", "name_en", "name_fr"]).orderBy("code").execute();
  return rows;
}
