import { registerJurisdictionNames } from "~/features/jurisdictions/names";
import { jurisdictionNamesOf, type LocaleBundle } from "~/i18n/bundle";
import type { Locale } from "~/i18n/config";
import en from "~/i18n/locales/en";
import enEmail from "~/i18n/locales/en/email.json";
import es from "~/i18n/locales/es";
import esEmail from "~/i18n/locales/es/email.json";
import fr from "~/i18n/locales/fr";
import frEmail from "~/i18n/locales/fr/email.json";

const bundles: Record<Locale, LocaleBundle> = { en, fr, es };
for (const [locale, bundle] of Object.entries(bundles)) registerJurisdictionNames(locale, jurisdictionNamesOf(bundle));

/** Every language's strings, e-mails included: the server renders pages and mail in any of them. */
export const resources = {
  en: { ...en.resources, email: enEmail },
  fr: { ...fr.resources, email: frEmail },
  es: { ...es.resources, email: esEmail },
} satisfies Record<Locale, Record<string, unknown>>;
