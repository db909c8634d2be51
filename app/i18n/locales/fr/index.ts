import lang from "i18n-iso-countries/langs/fr.json";
import type { LocaleBundle } from "~/i18n/bundle";
import actions from "~/i18n/locales/fr/actions.json";
import applications from "~/i18n/locales/fr/applications.json";
import campaigns from "~/i18n/locales/fr/campaigns.json";
import coalition from "~/i18n/locales/fr/coalition.json";
import common from "~/i18n/locales/fr/common.json";
import events from "~/i18n/locales/fr/events.json";
import lawmakers from "~/i18n/locales/fr/lawmakers.json";
import letters from "~/i18n/locales/fr/letters.json";
import map from "~/i18n/locales/fr/map.json";
import reports from "~/i18n/locales/fr/reports.json";
import signatures from "~/i18n/locales/fr/signatures.json";
import targets from "~/i18n/locales/fr/targets.json";
import threats from "~/i18n/locales/fr/threats.json";
import translations from "~/i18n/locales/fr/translations.json";
import webhooks from "~/i18n/locales/fr/webhooks.json";

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
  others: { EU: "Union européenne", INT: "Instances internationales (ONU, UIT)" },
};

export default bundle;
