import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { registerJurisdictionNames } from "~/features/jurisdictions/names";
import { jurisdictionNamesOf, type LocaleBundle } from "~/i18n/bundle";
import { DEFAULT_LOCALE, i18nConfig, isLocale } from "~/i18n/config";

// One chunk per language; the page's is preloaded by the document head (`LocalePreload`).
const bundles = import.meta.glob<LocaleBundle>("./i18n/locales/*/index.ts", { import: "default" });

async function hydrate() {
  const lang = document.documentElement.lang;
  const lng = isLocale(lang) ? lang : DEFAULT_LOCALE;
  const bundle = await bundles[`./i18n/locales/${lng}/index.ts`]();
  registerJurisdictionNames(lng, jurisdictionNamesOf(bundle));
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng,
    // Only this language is loaded: a key it lacked would show as the key (tests keep them complete).
    fallbackLng: false,
    resources: { [lng]: bundle.resources },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
