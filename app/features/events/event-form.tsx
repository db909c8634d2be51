import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { OriginalLanguageField } from "~/components/original-language-field";
import { EVENT_KINDS } from "~/features/events/constants";
import { EventSchema } from "~/features/events/forms";
import { orderZones, zoneForCountry } from "~/features/events/zone-order";

export interface EventFormOptions {
  jurisdictions: ReadonlyArray<{ value: string; label: string }>;
  timeZones: readonly string[];
  /** Country code → its zones (names as in `timeZones`), the most common first. */
  countryZones: Readonly<Record<string, readonly string[]>>;
  /** Staff type the organiser's name; others submit for their chapter or organisation. */
  typesOrganiser: boolean;
  organiserName: string | null;
}

/** The form's fields as the browser sends them (numbers as typed). */
export interface EventFormValues {
  title?: string;
  kind?: string;
  organiserName?: string;
  jurisdiction?: string;
  city?: string;
  online?: boolean;
  startsLocal?: string;
  endsLocal?: string;
  timezone?: string;
  description?: string;
  registrationUrl?: string;
  expectedReach?: string;
  originalLocale?: string;
}

/** A wall-clock time in the event's zone (`datetime-local`), its hint and errors. */
function LocalTimeField({ label, hint, meta }: { label: string; hint: string; meta: FieldMetadata<string> }) {
  const input = getInputProps(meta, { type: "datetime-local" });
  const hintId = `${meta.id}-hint`;
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <p id={hintId} className="hint">
        {hint}
      </p>
      <input {...input} key={input.key} aria-describedby={describedBy} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Submitting and editing an event: one form, the same schema on both sides. */
export function EventForm({
  options,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  options: EventFormOptions;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: EventFormValues;
  submitLabel: string;
}) {
  const { t, i18n } = useTranslation(["events", "common"]);
  // A new item is taken to be written in the interface's language until the author says otherwise.
  const initial: EventFormValues = { ...defaultValue, originalLocale: defaultValue?.originalLocale ?? i18n.language };
  const [form, fields] = useForm({
    lastResult,
    defaultValue: initial,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const online = getInputProps(fields.online, { type: "checkbox" });
  // The zone follows the country: its zones are listed first, in the server's render as in the
  // browser; choosing another country (with JavaScript) picks its most common zone.
  const country = typeof fields.jurisdiction.value === "string" ? fields.jurisdiction.value : undefined;
  const currentZone = typeof fields.timezone.value === "string" ? fields.timezone.value : undefined;
  const zones = orderZones(options.timeZones, options.countryZones, country);
  const countryLabel = options.jurisdictions.find((j) => j.value === country)?.label ?? country ?? "";
  const shownCountry = useRef(country);
  const timezoneName: string = fields.timezone.name;
  useEffect(() => {
    if (shownCountry.current === country) return;
    shownCountry.current = country;
    const zone = zoneForCountry(options.countryZones, country, currentZone);
    // Also when the zone stays: regrouping the options has cleared the select's choice.
    if (zone !== undefined) form.update({ name: timezoneName, value: zone });
  }, [country, currentZone, options.countryZones, form, timezoneName]);
  const zoneOption = (zone: string) => ({ value: zone, label: zone.replace(/_/g, " ") });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("fields.title")} meta={fields.title} type="text" />
      <SelectField
        label={t("fields.kind")}
        meta={fields.kind}
        placeholder={t("common:fields.choose")}
        options={EVENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      />
      {options.typesOrganiser ? (
        <Field label={t("fields.organiser")} hint={t("form.organiserHint")} meta={fields.organiserName} type="text" />
      ) : (
        <p>
          <strong>{t("fields.organiser")}:</strong> {options.organiserName}
        </p>
      )}
      <SelectField
        label={t("fields.jurisdiction")}
        meta={fields.jurisdiction}
        placeholder={t("common:fields.choose")}
        options={options.jurisdictions}
      />
      <Field label={t("fields.city")} hint={t("form.cityHint")} meta={fields.city} type="text" />
      <div className="field">
        <label>
          <input {...online} key={online.key} aria-describedby={fields.online.errorId} /> {t("fields.online")}
        </label>
        <ErrorList id={fields.online.errorId} errors={fields.online.errors} />
      </div>
      <SelectField
        label={t("fields.timezone")}
        hint={`${t("form.timezoneHint")} ${t("tz.countryHint")}`}
        meta={fields.timezone}
        placeholder={t("common:fields.choose")}
        options={zones.country.length === 0 ? zones.others.map(zoneOption) : []}
        groups={
          zones.country.length === 0
            ? []
            : [
                { label: t("tz.countryGroup", { country: countryLabel }), options: zones.country.map(zoneOption) },
                { label: t("tz.others"), options: zones.others.map(zoneOption) },
              ]
        }
      />
      <LocalTimeField label={t("fields.starts")} hint={t("form.localHint")} meta={fields.startsLocal} />
      <LocalTimeField label={t("fields.ends")} hint={t("form.localHint")} meta={fields.endsLocal} />
      <TextAreaField label={t("fields.description")} meta={fields.description} rows={6} />
      <OriginalLanguageField meta={fields.originalLocale} />
      <Field label={t("fields.registrationUrl")} meta={fields.registrationUrl} type="url" />
      <Field
        label={t("fields.expectedReach")}
        hint={t("form.expectedReachHint")}
        meta={fields.expectedReach}
        type="number"
      />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
