import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import type { ContentType } from "~/features/translations/content-types";
import { languageName } from "~/features/translations/content-language";

/** "Translations: fr · es" on an item's edit page: one link per language the item is not written in. */
export function TranslationLinks({
  type,
  id,
  ownLocales,
  translated,
}: {
  type: ContentType;
  id: number;
  /** The original's language, and any other the item's own texts are in. */
  ownLocales: readonly string[];
  translated: readonly string[];
}) {
  const { t, i18n } = useTranslation("translations");
  const locales = SUPPORTED_LOCALES.filter((locale) => !ownLocales.includes(locale));
  if (!locales.length) return null;
  return (
    <p className="translation-links">
      {t("links.label")}{" "}
      {locales.map((locale, index) => (
        <span key={locale}>
          {index > 0 ? " · " : null}
          <Link
            to={`/staff/translations/${type}/${id}/${locale}`}
            aria-label={t(translated.includes(locale) ? "links.edit" : "links.add", {
              language: languageName(locale, i18n.language),
            })}
          >
            {locale}
          </Link>
          {translated.includes(locale) ? null : <span className="muted"> ({t("links.none")})</span>}
        </span>
      ))}
    </p>
  );
}
