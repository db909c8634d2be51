import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/** Error keys from the schemas are translated here, so client and server say the same thing. */
export function ErrorList({
  id,
  errors,
  className = "field-errors",
}: {
  id?: string;
  errors?: string[] | null;
  className?: string;
}) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  // The alert role on a wrapper: on the list itself it would hide that its items are a list.
  return (
    <div id={id} role="alert">
      <ul className={className}>
        {errors.map((error) => (
          <li key={error}>{t(error, { defaultValue: error })}</li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  label: string;
  meta: FieldMetadata<string>;
  type: "text" | "email" | "password" | "url" | "date" | "number";
  autoComplete?: string;
  hint?: string;
  /** The on-screen keyboard to offer, e.g. "numeric" for one-time codes. */
  inputMode?: "text" | "numeric" | "email" | "url";
}

/** Label, optional hint, the control and its errors, wired together for screen readers. */
function FieldShell({
  label,
  meta,
  hint,
  children,
}: {
  label: string;
  meta: { id: string; errorId: string; errors?: string[] };
  hint?: string;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children(describedBy)}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function Field({ label, meta, type, autoComplete, hint, inputMode }: FieldProps) {
  const input = getInputProps(meta, { type });
  return (
    <FieldShell label={label} meta={meta} hint={hint}>
      {(describedBy) => (
        <input
          {...input}
          key={input.key}
          autoComplete={autoComplete}
          inputMode={inputMode}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  return <ErrorList id={id} errors={errors} className="alert alert-error form-errors" />;
}

type SelectOptions = ReadonlyArray<{ value: string | number; label: string }>;

interface SelectFieldProps {
  label: string;
  meta: FieldMetadata<string | number>;
  options?: SelectOptions;
  /** Choices shown under a heading each (<optgroup>), after `options`. */
  groups?: ReadonlyArray<{ label: string; options: SelectOptions }>;
  /** A first, empty choice ("Choose…", "None"). */
  placeholder?: string;
  hint?: string;
}

const renderOptions = (options: SelectOptions) =>
  options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));

export function SelectField({ label, meta, options = [], groups = [], placeholder, hint }: SelectFieldProps) {
  const { defaultValue, ...select } = getSelectProps(meta);
  return (
    <FieldShell label={label} meta={meta} hint={hint}>
      {(describedBy) => (
        <select
          {...select}
          key={select.key}
          // A field sent twice comes back as a list; a single choice shows the first.
          defaultValue={Array.isArray(defaultValue) ? defaultValue[0] : defaultValue}
          aria-describedby={describedBy}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {renderOptions(options)}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {renderOptions(group.options)}
            </optgroup>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  meta,
  hint,
  rows = 4,
}: {
  label: string;
  meta: FieldMetadata<string>;
  hint?: string;
  rows?: number;
}) {
  const textarea = getTextareaProps(meta);
  return (
    <FieldShell label={label} meta={meta} hint={hint}>
      {(describedBy) => <textarea {...textarea} key={textarea.key} rows={rows} aria-describedby={describedBy} />}
    </FieldShell>
  );
}

/** A group of checkboxes for an array field (e.g. categories), as one fieldset with a legend. */
export function CheckboxGroup({
  legend,
  meta,
  options,
}: {
  legend: string;
  meta: FieldMetadata<string[]>;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const checked = new Set(
    Array.isArray(meta.initialValue) ? meta.initialValue : meta.initialValue ? [meta.initialValue] : [],
  );
  return (
    <fieldset className="field checkbox-group" aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input type="checkbox" name={meta.name} value={option.value} defaultChecked={checked.has(option.value)} />
          {option.label}
        </label>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

/** A new password and its repetition, as every form that sets a password asks for them. */
export function NewPasswordFields({
  password,
  confirmPassword,
  hint,
}: {
  password: FieldMetadata<string>;
  confirmPassword: FieldMetadata<string>;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t("fields.newPassword")} hint={hint} meta={password} type="password" autoComplete="new-password" />
      <Field label={t("fields.confirmPassword")} meta={confirmPassword} type="password" autoComplete="new-password" />
    </>
  );
}
