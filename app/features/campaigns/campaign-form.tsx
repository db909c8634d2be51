import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { CAMPAIGN_LANGUAGES, CampaignSchema } from "~/features/campaigns/forms";
import { TEMPLATE_VARIABLES } from "~/features/campaigns/template";
import { RECIPIENT_MODES } from "~/lib/vocabularies";
import type { PickerOption } from "~/features/threats/picker";
import { ThreatPicker, ThreatSearchForm } from "~/features/threats/threat-picker";

// A type, not an interface: Conform wants an object type with an implicit index signature.
export type CampaignFormDefaults = {
  threat?: string;
  recipientMode: string;
  ruleJurisdiction?: string;
  ruleBody?: string;
  ruleConstituencies?: string;
  senderPicksConstituency?: boolean;
  lawmakers?: string[];
  fallback?: string;
  sendingAddress: string;
  en?: { title?: string; introduction?: string; subjects?: string; body?: string };
  fr?: { title?: string; introduction?: string; subjects?: string; body?: string };
};

export interface PickerLawmaker {
  id: number;
  name: string;
  jurisdiction_code: string;
  body: string;
  constituency: string | null;
}

export function lawmakerLabel(l: PickerLawmaker): string {
  return `${l.name} · ${l.body} · ${l.jurisdiction_code}${l.constituency ? ` ${l.constituency}` : ""}`;
}

/** Errors, where template errors (`key|variable`) name the variable they are about. */
export function TemplateErrorList({ id, errors }: { id: string; errors?: string[] | null }) {
  const { t } = useTranslation(["campaigns", "common"]);
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => {
        const [key, variable] = error.split("|");
        return <li key={error}>{t(key, { defaultValue: key, variable })}</li>;
      })}
    </ul>
  );
}

function TemplateField({
  label,
  hint,
  meta,
  rows,
}: {
  label: string;
  hint: string;
  meta: FieldMetadata<string>;
  rows: number;
}) {
  const textarea = getTextareaProps(meta);
  const hintId = `${meta.id}-hint`;
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <p id={hintId} className="hint">
        {hint}
      </p>
      <textarea {...textarea} key={textarea.key} rows={rows} aria-describedby={describedBy} spellCheck />
      <TemplateErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Create and edit share one form; the server validates with the same schema. */
export function CampaignForm({
  lastResult,
  defaultValue,
  threats,
  threatQuery,
  lawmakers,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: CampaignFormDefaults;
  threats: PickerOption[];
  /** The threat search the page was loaded with. */
  threatQuery: string;
  lawmakers: PickerLawmaker[];
  submitLabel: string;
}) {
  const { t } = useTranslation(["campaigns", "common"]);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CampaignSchema }),
    shouldValidate: "onBlur",
  });
  const picks = getInputProps(fields.senderPicksConstituency, { type: "checkbox" });
  // One picked lawmaker comes back from the server as a string; a multiple select needs an array
  // (React would otherwise select one option per character of the id).
  const { defaultValue: picked, ...list } = getSelectProps(fields.lawmakers);
  const lawmakerOptions = lawmakers.map((l) => ({ value: l.id, label: lawmakerLabel(l) }));
  return (
    <>
      <ThreatSearchForm id="campaign-threat-search" />
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <ThreatPicker
          label={t("form.threat")}
          meta={fields.threat}
          placeholder={t("form.choose")}
          options={threats}
          valueKey="id"
          query={threatQuery}
          searchFormId="campaign-threat-search"
        />
        <fieldset className="field checkbox-group">
          <legend>{t("form.recipientsLegend")}</legend>
          <SelectField
            label={t("form.recipientMode")}
            meta={fields.recipientMode}
            options={RECIPIENT_MODES.map((m) => ({ value: m, label: t(`form.mode.${m}`) }))}
          />
          <p className="hint">{t("form.ruleHint")}</p>
          <Field
            label={t("form.ruleJurisdiction")}
            hint={t("form.ruleJurisdictionHint")}
            meta={fields.ruleJurisdiction}
            type="text"
          />
          <Field label={t("form.ruleBody")} hint={t("form.ruleBodyHint")} meta={fields.ruleBody} type="text" />
          <TextAreaField
            label={t("form.ruleConstituencies")}
            hint={t("form.ruleConstituenciesHint")}
            meta={fields.ruleConstituencies}
            rows={3}
          />
          <div className="field">
            <label htmlFor={fields.lawmakers.id}>{t("form.lawmakers")}</label>
            <p id={`${fields.lawmakers.id}-hint`} className="hint">
              {t("form.lawmakersHint")}
            </p>
            <select
              {...list}
              key={list.key}
              defaultValue={picked === undefined ? undefined : typeof picked === "object" ? picked : [String(picked)]}
              multiple
              size={8}
              aria-describedby={`${fields.lawmakers.id}-hint${fields.lawmakers.errors?.length ? ` ${fields.lawmakers.errorId}` : ""}`}
            >
              {lawmakerOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <TemplateErrorList id={fields.lawmakers.errorId} errors={fields.lawmakers.errors} />
          </div>
          <div className="field">
            <label>
              <input {...picks} key={picks.key} /> {t("form.senderPicks")}
            </label>
            <p className="hint">{t("form.senderPicksHint")}</p>
          </div>
          <SelectField
            label={t("form.fallback")}
            hint={t("form.fallbackHint")}
            meta={fields.fallback}
            placeholder={t("form.none")}
            options={lawmakerOptions}
          />
        </fieldset>
        <Field
          label={t("form.sendingAddress")}
          hint={t("form.sendingAddressHint")}
          meta={fields.sendingAddress}
          type="text"
        />
        <p className="hint">
          {t("form.variablesLead")}{" "}
          {TEMPLATE_VARIABLES.map((v, i) => (
            <Fragment key={v}>
              {i ? " " : null}
              <code>{`{{${v}}}`}</code>
            </Fragment>
          ))}
        </p>
        {CAMPAIGN_LANGUAGES.map((language) => {
          const texts = fields[language].getFieldset();
          return (
            <fieldset key={language} className="field checkbox-group" lang={language}>
              <legend>{t("form.languageLegend", { language: t(`language.${language}`) })}</legend>
              <p className="hint">{t("form.languageHint")}</p>
              <Field label={t("form.title")} meta={texts.title} type="text" />
              <TextAreaField
                label={t("form.introduction")}
                hint={t("form.introductionHint")}
                meta={texts.introduction}
                rows={4}
              />
              <TemplateField label={t("form.subjects")} hint={t("form.subjectsHint")} meta={texts.subjects} rows={3} />
              <TemplateField label={t("form.body")} hint={t("form.bodyHint")} meta={texts.body} rows={14} />
            </fieldset>
          );
        })}
        <button type="submit">{submitLabel}</button>
      </Form>
    </>
  );
}
