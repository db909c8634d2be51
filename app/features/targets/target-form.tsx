import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { OriginalLanguageField } from "~/components/original-language-field";
import { FILTER_VALUES, KIND_VOCABULARIES, METRIC_KEYS, type KindVocabulary } from "~/features/targets/catalogue";
import { TargetSchema } from "~/features/targets/forms";
import { filterValueKey } from "~/features/targets/target-card";
import { UNITS } from "~/lib/vocabularies";

export interface TargetFormDefaults {
  year?: number;
  title?: string;
  metric?: string;
  category?: string;
  jurisdiction?: string;
  sector?: string;
  kind?: string;
  stance?: string;
  severity?: string;
  region?: string;
  goal?: number;
  manualValue?: number;
  manualUnit?: string;
  manualEvidence?: string;
  manualEvidenceUrl?: string;
  originalLocale?: string;
}

const KIND_GROUPS = Object.keys(KIND_VOCABULARIES) as KindVocabulary[];
const KIND_PREFIX: Record<KindVocabulary, string> = {
  threat: "threats:kind",
  action: "targets:actionKind",
  event: "targets:eventKind",
  statement: "threats:statementKind",
  signature: "targets:signatureKind",
  chapter: "targets:chapterKind",
};

/** The kind filter: one list with a group per vocabulary; the server checks it fits the metric. */
function KindField({ meta }: { meta: FieldMetadata<string> }) {
  const { t } = useTranslation(["targets", "threats", "common"]);
  return (
    <SelectField
      label={t("fields.kind")}
      hint={t("fields.kindHint")}
      meta={meta}
      placeholder={t("common:fields.none")}
      groups={KIND_GROUPS.map((group) => ({
        label: t(`kindGroup.${group}`),
        options: [...new Set(KIND_VOCABULARIES[group])].map((kind) => ({
          value: kind,
          label: t(`${KIND_PREFIX[group]}.${kind}`),
        })),
      }))}
    />
  );
}

/** Create and edit share one form; the server validates with the same schema. */
export function TargetForm({
  lastResult,
  defaultValue,
  jurisdictions,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: TargetFormDefaults;
  jurisdictions: Array<{ value: string; label: string }>;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation(["targets", "threats", "coalition", "common"]);
  // A new item is taken to be written in the interface's language until the author says otherwise.
  const initial: TargetFormDefaults = {
    ...defaultValue,
    originalLocale: defaultValue?.originalLocale ?? i18n.language,
  };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: initial,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const options = (key: keyof typeof FILTER_VALUES) =>
    FILTER_VALUES[key].map((v) => ({ value: v, label: t(`${filterValueKey("", key)}.${v}`) }));
  return (
    <Form method="post" {...getFormProps(form)} className="narrow stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("fields.year")} meta={fields.year as FieldMetadata<string>} type="number" />
      <Field label={t("fields.title")} meta={fields.title} type="text" />
      <OriginalLanguageField meta={fields.originalLocale} />
      <SelectField
        label={t("fields.metric")}
        meta={fields.metric}
        placeholder={t("common:fields.choose")}
        options={METRIC_KEYS.map((m) => ({ value: m, label: t(`metric.${m}.name`) }))}
      />
      <p className="muted">
        {t("fields.comparison")}: {t("fields.atLeast")}
      </p>
      <Field
        label={t("fields.goal")}
        hint={t("fields.goalHint")}
        meta={fields.goal as FieldMetadata<string>}
        type="number"
      />
      <fieldset className="field stack">
        <legend>{t("fields.filters")}</legend>
        <p className="hint">{t("fields.filtersHint")}</p>
        <SelectField
          label={t("fields.category")}
          meta={fields.category}
          placeholder={t("common:fields.none")}
          options={options("category")}
        />
        <SelectField
          label={t("fields.jurisdiction")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.none")}
          options={jurisdictions}
        />
        <SelectField
          label={t("fields.sector")}
          meta={fields.sector}
          placeholder={t("common:fields.none")}
          options={options("sector")}
        />
        <KindField meta={fields.kind} />
        <SelectField
          label={t("fields.stance")}
          meta={fields.stance}
          placeholder={t("common:fields.none")}
          options={options("stance")}
        />
        <SelectField
          label={t("fields.severity")}
          meta={fields.severity}
          placeholder={t("common:fields.none")}
          options={options("severity")}
        />
        <SelectField
          label={t("fields.region")}
          meta={fields.region}
          placeholder={t("common:fields.none")}
          options={options("region")}
        />
      </fieldset>
      <fieldset className="field stack">
        <legend>{t("fields.manual")}</legend>
        <p className="hint">{t("fields.manualHint")}</p>
        <Field label={t("fields.manualValue")} meta={fields.manualValue as FieldMetadata<string>} type="number" />
        <SelectField
          label={t("fields.manualUnit")}
          meta={fields.manualUnit}
          options={UNITS.map((u) => ({ value: u, label: t(`unitName.${u}`) }))}
        />
        <TextAreaField
          label={t("fields.manualEvidence")}
          hint={t("fields.manualEvidenceHint")}
          meta={fields.manualEvidence}
          rows={3}
        />
        <Field label={t("fields.manualEvidenceUrl")} meta={fields.manualEvidenceUrl} type="url" />
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
