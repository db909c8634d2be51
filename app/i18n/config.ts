import enApplications from "./locales/en/applications.json";
import enCoalition from "./locales/en/coalition.json";
import enCommon from "./locales/en/common.json";
import enEmail from "./locales/en/email.json";
import enLetters from "./locales/en/letters.json";
import enSignatures from "./locales/en/signatures.json";
import frApplications from "./locales/fr/applications.json";
import frCoalition from "./locales/fr/coalition.json";
import frCommon from "./locales/fr/common.json";
import frEmail from "./locales/fr/email.json";
import frLetters from "./locales/fr/letters.json";
import frSignatures from "./locales/fr/signatures.json";
import enLawmakers from "./locales/en/lawmakers.json";
import frLawmakers from "./locales/fr/lawmakers.json";
import enCampaigns from "./locales/en/campaigns.json";
import frCampaigns from "./locales/fr/campaigns.json";
import enActions from "./locales/en/actions.json";
import frActions from "./locales/fr/actions.json";
import enEvents from "./locales/en/events.json";
import frEvents from "./locales/fr/events.json";
import enTargets from "./locales/en/targets.json";
import frTargets from "./locales/fr/targets.json";
import enMap from "./locales/en/map.json";
import enThreats from "./locales/en/threats.json";
import frMap from "./locales/fr/map.json";
import frThreats from "./locales/fr/threats.json";

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
