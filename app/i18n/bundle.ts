/**
 * What one language ships to the browser: its interface namespaces (the e-mail namespace stays on
 * the server) and its country names. Each language is its own module, loaded on its own (see
 * `docs/decisions/0036-es-translations-loaded-per-language.md`).
 */
export interface LocaleBundle {
  resources: Record<string, Record<string, unknown>>;
  /** ISO 3166-1 country names, as `i18n-iso-countries` has them (a name, or several: official first). */
  countries: Record<string, string | string[]>;
  /** The jurisdictions that are not countries: the EU and the international fora. */
  others: Record<string, string>;
}

/** Jurisdiction code → name in the bundle's language (each country's first, official, name). */
export function jurisdictionNamesOf(bundle: LocaleBundle): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [code, name] of Object.entries(bundle.countries)) names[code] = Array.isArray(name) ? name[0] : name;
  return { ...names, ...bundle.others };
}
