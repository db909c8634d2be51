import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

/** Error keys from the schemas are translated here, so client and server say the same thing. */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{t(error, { defaultValue: error })}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: string;
  meta: FieldMetadata<string>;
  type: "text" | "email" | "password" | "url" | "date" | "number";
  autoComplete?: string;
  hint?: string;
}

export function Field({ label, meta, type, autoComplete, hint }: FieldProps) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const input = getInputProps(meta, { type });
  const describedBy = [hintId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...input} key={input.key} autoComplete={autoComplete} aria-describedby={describedBy} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function FormErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  return <ErrorList id={id} errors={errors} />;
}
