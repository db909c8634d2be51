import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { OriginalLanguageField } from "~/components/original-language-field";
import { CATEGORIES, RELATIONS, SEVERITIES, THREAT_KINDS } from "~/lib/vocabularies";
import { ThreatSchema } from "~/features/threats/forms";

export interface ThreatFormDefaults {
  jurisdiction?: string;
  kind?: string;
  identifier?: string;
  title?: string;
  shortName?: string;
  summary?: string;
  originalLocale?: string;
  categories?: string[];
  severity?: string;
  firstSeenOn?: string;
  sources?: string;
  relation?: string;
  relatedSlug?: string;
}

/** Create and edit share one form; the server validates with the same schema. */
export function ThreatForm({
  lastResult,
  defaultValue,
  jurisdictions,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: ThreatFormDefaults;
  jurisdictions: Array<{ value: string; label: string }>;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation(["threats", "common"]);
  // A new item is taken to be written in the interface's language until the author says otherwise.
  const initial: ThreatFormDefaults = {
    ...defaultValue,
    originalLocale: defaultValue?.originalLocale ?? i18n.language,
  };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: initial,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThreatSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow">
      <FormErrors id={form.errorId} errors={form.errors} />
      <SelectField
        label={t("fields.jurisdiction")}
        meta={fields.jurisdiction}
        placeholder={t("common:fields.choose")}
        options={jurisdictions}
      />
      <SelectField
        label={t("fields.kind")}
        meta={fields.kind}
        placeholder={t("common:fields.choose")}
        options={THREAT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      <Field label={t("fields.identifier")} hint={t("form.identifierHint")} meta={fields.identifier} type="text" />
      <Field label={t("fields.title")} meta={fields.title} type="text" />
      <Field label={t("fields.shortName")} hint={t("form.shortNameHint")} meta={fields.shortName} type="text" />
      <TextAreaField label={t("fields.summary")} hint={t("form.summaryHint")} meta={fields.summary} rows={8} />
      <OriginalLanguageField meta={fields.originalLocale} />
      <CheckboxGroup
        legend={t("fields.categories")}
        meta={fields.categories}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
      />
      <SelectField
        label={t("fields.severity")}
        meta={fields.severity}
        placeholder={t("common:fields.choose")}
        options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
      />
      <Field label={t("fields.firstSeenOn")} meta={fields.firstSeenOn} type="date" />
      <TextAreaField label={t("fields.sources")} hint={t("form.sourcesHint")} meta={fields.sources} />
      <fieldset className="field checkbox-group">
        <legend>{t("form.relatedLegend")}</legend>
        <SelectField
          label={t("fields.relation")}
          meta={fields.relation}
          placeholder={t("common:fields.none")}
          options={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
        />
        <Field label={t("fields.relatedSlug")} hint={t("form.relatedHint")} meta={fields.relatedSlug} type="text" />
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
