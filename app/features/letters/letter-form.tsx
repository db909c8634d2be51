import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { LETTER_LANGUAGES } from "~/features/letters/constants";
import { LetterSchema, TEXT_ROWS } from "~/features/letters/forms";
import type { PickerOption } from "~/features/threats/picker";
import { ThreatPicker, ThreatSearchForm } from "~/features/threats/threat-picker";

// A type, not an interface: Conform wants an object type with an implicit index signature.
export type LetterFormDefaults = {
  texts: Array<{ language: string; title: string; body: string }>;
  opensOn?: string;
  closesOn?: string;
  goal?: string;
  threats?: string[];
};

/** The texts given, plus blank rows for translations (a blank row is ignored when saved). */
export function withBlankRows(texts: LetterFormDefaults["texts"], blank = 1): LetterFormDefaults["texts"] {
  const rows = [...texts];
  const free = LETTER_LANGUAGES.filter((l) => !rows.some((r) => r.language === l));
  for (let i = 0; i < blank && rows.length < TEXT_ROWS; i++)
    rows.push({ language: free[i] ?? LETTER_LANGUAGES[0], title: "", body: "" });
  return rows;
}

/** Create and edit share one form; the server validates with the same schema. */
export function LetterForm({
  lastResult,
  defaultValue,
  submitLabel,
  warning,
  threats,
  threatQuery,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: LetterFormDefaults;
  /** Every threat the letter can answer, and the search the page was loaded with. */
  threats: PickerOption[];
  threatQuery: string;
  submitLabel: string;
  /** Said above the texts, e.g. that saving an open letter's text creates a new version. */
  warning?: string;
}) {
  const { t } = useTranslation(["letters", "common"]);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LetterSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const rows = fields.texts.getFieldList();
  const languages = LETTER_LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }));
  const goal = getInputProps(fields.goal, { type: "number" });
  return (
    <>
      <ThreatSearchForm id="letter-threat-search" />
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        {warning ? (
          <p className="alert alert-info" role="note">
            {warning}
          </p>
        ) : null}
        {rows.map((row, index) => {
          const text = row.getFieldset();
          return (
            // After "add a translation" without JavaScript, Conform's reply lacks some rows' keys.
            <fieldset key={row.key ?? `text-${index}`} className="field checkbox-group">
              <legend>{index === 0 ? t("form.mainText") : t("form.translation", { n: index })}</legend>
              {index > 0 ? <p className="hint">{t("form.translationHint")}</p> : null}
              <SelectField label={t("fields.language")} meta={text.language} options={languages} />
              <Field label={t("fields.title")} meta={text.title} type="text" />
              <TextAreaField label={t("fields.body")} hint={t("form.bodyHint")} meta={text.body} rows={14} />
            </fieldset>
          );
        })}
        <ErrorList id={fields.texts.errorId} errors={fields.texts.errors} />
        {rows.length < TEXT_ROWS ? (
          <p>
            <button
              type="submit"
              className="secondary button-small"
              {...form.insert.getButtonProps({
                name: fields.texts.name,
                defaultValue: {
                  language: LETTER_LANGUAGES.find((l) => !rows.some((r) => r.value?.language === l)) ?? "en",
                },
              })}
            >
              {t("form.addTranslation")}
            </button>
          </p>
        ) : null}
        <Field label={t("fields.opensOn")} hint={t("form.opensOnHint")} meta={fields.opensOn} type="date" />
        <Field label={t("fields.closesOn")} meta={fields.closesOn} type="date" />
        <div className="field">
          <label htmlFor={fields.goal.id}>{t("fields.goal")}</label>
          <input
            {...goal}
            key={goal.key}
            min={1}
            step={1}
            aria-describedby={fields.goal.errors?.length ? fields.goal.errorId : undefined}
          />
          <ErrorList id={fields.goal.errorId} errors={fields.goal.errors} />
        </div>
        <ThreatPicker
          label={t("fields.threats")}
          hint={t("form.threatsHint")}
          meta={fields.threats}
          options={threats}
          valueKey="slug"
          query={threatQuery}
          searchFormId="letter-threat-search"
          multiple
        />
        <button type="submit">{submitLabel}</button>
      </Form>
    </>
  );
}
