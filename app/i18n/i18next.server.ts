import { createCookie } from "@remix-run/node";
import i18next, { type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { loadConfig } from "~/config.server";
import { DEFAULT_LOCALE, i18nConfig, isLocale, SUPPORTED_LOCALES, type Locale, type Namespace } from "~/i18n/config";
import { resources } from "~/i18n/resources.server";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: loadConfig().production,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLocale(request: Request): Promise<Locale> {
  // An embedded page says its language in its address (`?lang=`): the framing site chooses it.
  const url = new URL(request.url);
  if (url.pathname.startsWith("/embed/")) {
    const lang = url.searchParams.get("lang");
    if (isLocale(lang)) return lang;
  }
  const locale = await i18nServer.getLocale(request);
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

const fixed = i18next.createInstance();
const ready = fixed.init({ ...i18nConfig, resources, lng: DEFAULT_LOCALE });

/** A translation function for a given locale outside a request (e-mails, jobs). */
export async function getFixedT(locale: string, ns: Namespace = "common"): Promise<TFunction> {
  await ready;
  return fixed.getFixedT(isLocale(locale) ? locale : DEFAULT_LOCALE, ns);
}
