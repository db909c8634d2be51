import lang from "i18n-iso-countries/langs/es.json";
import type { LocaleBundle } from "~/i18n/bundle";
import actions from "~/i18n/locales/es/actions.json";
import applications from "~/i18n/locales/es/applications.json";
import campaigns from "~/i18n/locales/es/campaigns.json";
import coalition from "~/i18n/locales/es/coalition.json";
import common from "~/i18n/locales/es/common.json";
import events from "~/i18n/locales/es/events.json";
import lawmakers from "~/i18n/locales/es/lawmakers.json";
import letters from "~/i18n/locales/es/letters.json";
import map from "~/i18n/locales/es/map.json";
import reports from "~/i18n/locales/es/reports.json";
import signatures from "~/i18n/locales/es/signatures.json";
import targets from "~/i18n/locales/es/targets.json";
import threats from "~/i18n/locales/es/threats.json";
import translations from "~/i18n/locales/es/translations.json";
import webhooks from "~/i18n/locales/es/webhooks.json";

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
  others: { EU: "Unión Europea", INT: "Foros internacionales (ONU, UIT)" },
};

export default bundle;
