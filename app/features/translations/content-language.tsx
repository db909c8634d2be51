import { useTranslation } from "react-i18next";

/** The name of a language in the page's language ("English", "anglais"). */
export function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The `lang` attribute content needs: only where it differs from the page's language. */
export function langIfOther(contentLang: string, pageLang: string): string | undefined {
  return contentLang === pageLang ? undefined : contentLang;
}

/** "Shown in English: not yet translated", under content the reader's language has no version of. */
export function FallbackNote({ lang, fallback }: { lang: string; fallback: boolean }) {
  const { t, i18n } = useTranslation("translations");
  if (!fallback) return null;
  return <p className="hint content-fallback">{t("fallback", { language: languageName(lang, i18n.language) })}</p>;
}
