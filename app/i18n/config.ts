export const SUPPORTED_LOCALES = ["en", "fr", "es"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The `Intl` tag each language formats dates and numbers with (neutral Spanish: plain `es`). */
export const INTL_TAGS: Record<Locale, string> = { en: "en-GB", fr: "fr-FR", es: "es" };

/** The `Intl` tag for a language code, English for one the app does not have. */
export function intlTag(locale: string): string {
  return isLocale(locale) ? INTL_TAGS[locale] : INTL_TAGS[DEFAULT_LOCALE];
}

export const NAMESPACES = [
  "common",
  "email",
  "threats",
  "map",
  "coalition",
  "applications",
  "letters",
  "signatures",
  "lawmakers",
  "campaigns",
  "actions",
  "events",
  "targets",
  "reports",
  "webhooks",
  "translations",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/**
 * The options every i18next instance shares. The strings are not here: the server holds every
 * language (`resources.server.ts`), the browser loads only the page's (`entry.client.tsx`).
 */
export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
};
