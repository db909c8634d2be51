import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { ACTION_KINDS } from "~/lib/vocabularies";
import { ActionSchema } from "~/features/actions/forms";
import type { PickerOption } from "~/features/threats/picker";
import { ThreatPicker, ThreatSearchForm } from "~/features/threats/threat-picker";

/** The log form, for a new action and for editing one. Works without JavaScript. */
export function ActionForm({
  lastResult,
  defaultValue,
  threats,
  threatQuery,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  threats: PickerOption[];
  /** The threat search the page was loaded with. */
  threatQuery: string;
  submitLabel: string;
}) {
  const { t } = useTranslation(["actions", "common"]);
  const [form, fields] = useForm({
    id: "action-form",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <ThreatSearchForm id="action-threat-search" />
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <SelectField
          label={t("fields.kind")}
          meta={fields.kind}
          placeholder={t("common:fields.choose")}
          options={ACTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Field label={t("fields.occurredOn")} meta={fields.occurredOn} type="date" />
        <TextAreaField
          label={t("fields.description")}
          hint={t("form.descriptionHint")}
          meta={fields.description}
          rows={5}
        />
        <TextAreaField
          label={t("fields.policymakers")}
          hint={t("form.policymakersHint")}
          meta={fields.policymakers}
          rows={2}
        />
        <ThreatPicker
          label={t("fields.threat")}
          hint={t("form.threatHint")}
          meta={fields.threatId}
          placeholder={t("form.noThreat")}
          options={threats}
          valueKey="id"
          query={threatQuery}
          searchFormId="action-threat-search"
        />
        <TextAreaField label={t("fields.outcome")} hint={t("form.outcomeHint")} meta={fields.outcome} rows={3} />
        <Field label={t("fields.evidenceUrl")} hint={t("form.evidenceHint")} meta={fields.evidenceUrl} type="url" />
        <button type="submit">{submitLabel}</button>
      </Form>
    </>
  );
}
