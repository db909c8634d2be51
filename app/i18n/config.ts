import enApplications from "~/i18n/locales/en/applications.json";
import enCoalition from "~/i18n/locales/en/coalition.json";
import enCommon from "~/i18n/locales/en/common.json";
import enEmail from "~/i18n/locales/en/email.json";
import enLetters from "~/i18n/locales/en/letters.json";
import enSignatures from "~/i18n/locales/en/signatures.json";
import frApplications from "~/i18n/locales/fr/applications.json";
import frCoalition from "~/i18n/locales/fr/coalition.json";
import frCommon from "~/i18n/locales/fr/common.json";
import frEmail from "~/i18n/locales/fr/email.json";
import frLetters from "~/i18n/locales/fr/letters.json";
import frSignatures from "~/i18n/locales/fr/signatures.json";
import enLawmakers from "~/i18n/locales/en/lawmakers.json";
import frLawmakers from "~/i18n/locales/fr/lawmakers.json";
import enCampaigns from "~/i18n/locales/en/campaigns.json";
import frCampaigns from "~/i18n/locales/fr/campaigns.json";
import enActions from "~/i18n/locales/en/actions.json";
import frActions from "~/i18n/locales/fr/actions.json";
import enEvents from "~/i18n/locales/en/events.json";
import frEvents from "~/i18n/locales/fr/events.json";
import enTargets from "~/i18n/locales/en/targets.json";
import frTargets from "~/i18n/locales/fr/targets.json";
import enMap from "~/i18n/locales/en/map.json";
import enThreats from "~/i18n/locales/en/threats.json";
import frMap from "~/i18n/locales/fr/map.json";
import frThreats from "~/i18n/locales/fr/threats.json";
import enReports from "~/i18n/locales/en/reports.json";
import frReports from "~/i18n/locales/fr/reports.json";
import enTranslations from "~/i18n/locales/en/translations.json";
import frTranslations from "~/i18n/locales/fr/translations.json";

export const SUPPORTED_LOCALES = ["en", "fr"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Translations are bundled (small, and no extra request on a slow connection). */
export const resources = {
  en: {
    common: enCommon,
    email: enEmail,
    threats: enThreats,
    map: enMap,
    coalition: enCoalition,
    applications: enApplications,
    letters: enLetters,
    signatures: enSignatures,
    lawmakers: enLawmakers,
    campaigns: enCampaigns,
    actions: enActions,
    events: enEvents,
    targets: enTargets,
    reports: enReports,
    translations: enTranslations,
  },
  fr: {
    common: frCommon,
    email: frEmail,
    threats: frThreats,
    map: frMap,
    coalition: frCoalition,
    applications: frApplications,
    letters: frLetters,
    signatures: frSignatures,
    lawmakers: frLawmakers,
    campaigns: frCampaigns,
    actions: frActions,
    events: frEvents,
    targets: frTargets,
    reports: frReports,
    translations: frTranslations,
  },
} as const;

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
  "translations",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LOCALES],
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false },
  resources,
};
