import lang from "i18n-iso-countries/langs/en.json";
import type { LocaleBundle } from "~/i18n/bundle";
import actions from "~/i18n/locales/en/actions.json";
import applications from "~/i18n/locales/en/applications.json";
import campaigns from "~/i18n/locales/en/campaigns.json";
import coalition from "~/i18n/locales/en/coalition.json";
import common from "~/i18n/locales/en/common.json";
import events from "~/i18n/locales/en/events.json";
import lawmakers from "~/i18n/locales/en/lawmakers.json";
import letters from "~/i18n/locales/en/letters.json";
import map from "~/i18n/locales/en/map.json";
import reports from "~/i18n/locales/en/reports.json";
import signatures from "~/i18n/locales/en/signatures.json";
import targets from "~/i18n/locales/en/targets.json";
import threats from "~/i18n/locales/en/threats.json";
import translations from "~/i18n/locales/en/translations.json";
import webhooks from "~/i18n/locales/en/webhooks.json";

const bundle: LocaleBundle = {
  resources: {
    common,
    threats,
    map,
    coalition,
    applications,
    letters,
    signatures,
    lawmakers,
    campaigns,
    actions,
    events,
    targets,
    reports,
    webhooks,
    translations,
  },
  countries: lang.countries,
  others: { EU: "European Union", INT: "International fora (UN, ITU)" },
};

export default bundle;
