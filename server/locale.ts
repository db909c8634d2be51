import { DEFAULT_LOCALE } from "../app/i18n/config";
import { getLocale } from "../app/i18n/i18next.server";

/**
 * The language the app renders a request in, from its language cookie and Accept-Language, with
 * the app's own detection: always one of the supported locales.
 */
export async function localeOf(cookie: string, acceptLanguage: string): Promise<string> {
  try {
    const headers = new Headers();
    if (cookie) headers.set("Cookie", cookie);
    if (acceptLanguage) headers.set("Accept-Language", acceptLanguage);
    return await getLocale(new Request("http://localhost/", { headers }));
  } catch {
    // A header Headers cannot hold (odd bytes) is rendered in the default language too.
    return DEFAULT_LOCALE;
  }
}
