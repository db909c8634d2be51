import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, TextAreaField } from "~/components/forms";
import { parseWithZod } from "~/lib/parse-form";
import { translationSchema, type ContentType, type FieldSpec } from "~/features/translations/content-types";
import { languageName } from "~/features/translations/content-language";

export interface TranslationField extends FieldSpec {
  original: string;
  originalHtml: string | null;
}

/** Each field's original beside the box for its version; the server checks with the same schema. */
export function TranslationForm({
  type,
  locale,
  originalLocale,
  fields,
  defaultValue,
  lastResult,
}: {
  type: ContentType;
  locale: string;
  originalLocale: string;
  fields: TranslationField[];
  defaultValue: Record<string, string>;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t, i18n } = useTranslation("translations");
  const [form, formFields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: translationSchema(type) }),
    shouldValidate: "onBlur",
  });
  const originalName = languageName(originalLocale, i18n.language);
  const versionName = languageName(locale, i18n.language);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="save" />
      {fields.map((spec) => {
        const meta = formFields[spec.name] as FieldMetadata<string>;
        const label = t("page.fieldIn", { field: t(`fields.${spec.name}`), language: versionName });
        const hint = t("page.limit", { max: spec.max.toLocaleString(i18n.language) });
        return (
          <div key={spec.name} className="translation-pair">
            <section className="translation-original" aria-labelledby={`original-${spec.name}`}>
              <h2 id={`original-${spec.name}`} className="translation-heading">
                {t("page.originalField", { field: t(`fields.${spec.name}`), language: originalName })}
              </h2>
              {spec.originalHtml !== null ? (
                // Rendered from Markdown and sanitised on the server (lib/markdown.server.ts).
                <div className="prose" lang={originalLocale} dangerouslySetInnerHTML={{ __html: spec.originalHtml }} />
              ) : (
                <p className="translation-text" lang={originalLocale}>
                  {spec.original}
                </p>
              )}
            </section>
            <div className="translation-version">
              {spec.multiline ? (
                <TextAreaField label={label} meta={meta} hint={hint} rows={spec.max > 1000 ? 12 : 6} />
              ) : (
                <Field label={label} meta={meta} type="text" hint={hint} />
              )}
            </div>
          </div>
        );
      })}
      <p>
        <button type="submit">{t("page.save")}</button>
      </p>
    </Form>
  );
}
