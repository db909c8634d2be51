/**
 * Names by language for the languages the table has no column for (Spanish), filled from each
 * language's bundle: on the server for all of them, in the browser for the page's language.
 */
const registered = new Map<string, Record<string, string>>();

export function registerJurisdictionNames(locale: string, names: Record<string, string>): void {
  registered.set(locale, names);
}

/** Code → name in a language (the registered bundle's list; empty when it is not loaded). */
export function jurisdictionNamesIn(locale: string): Record<string, string> {
  return registered.get(locale) ?? {};
}

/** The jurisdiction's name in the reader's language (English when there is no translation). */
export function jurisdictionName(
  row: { code?: string | null; jurisdiction_code?: string | null; name_en: string; name_fr: string },
  locale: string,
): string {
  if (locale === "fr") return row.name_fr;
  const code = row.code ?? row.jurisdiction_code;
  if (locale !== "en" && code) return registered.get(locale)?.[code] ?? row.name_en;
  return row.name_en;
}
