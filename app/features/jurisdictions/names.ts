/** The jurisdiction's name in the reader's language (English when there is no translation). */
export function jurisdictionName(row: { name_en: string; name_fr: string }, locale: string): string {
  return locale === "fr" ? row.name_fr : row.name_en;
}
