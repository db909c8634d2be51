import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/forms";
import { SUPPORTED_LOCALES } from "~/i18n/config";

/**
 * The language a piece of content is written in (its original): readers in another language see
 * it marked as such until a version in theirs is added on the translations page.
 */
export function OriginalLanguageField({ meta }: { meta: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation("common");
  return (
    <SelectField
      label={t("content.originalLanguage")}
      hint={t("content.originalLanguageHint")}
      meta={meta}
      options={SUPPORTED_LOCALES.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
    />
  );
}
