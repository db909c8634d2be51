import type { ReactNode } from "react";

/** Value and label of each choice, in the order shown. */
type Choices = ReadonlyArray<readonly [string, string]>;

/**
 * The select element of a form that Conform does not manage, with an empty first choice ("any",
 * "choose…") unless `anyLabel` is null. Its label lives elsewhere: FilterSelect, or a table's row
 * header.
 */
export function PlainSelect({
  id,
  name,
  value,
  options,
  anyLabel,
  invalid,
}: {
  id: string;
  name: string;
  value?: string | number | null;
  options: Choices;
  anyLabel: string | null;
  invalid?: boolean;
}) {
  return (
    <select id={id} name={name} defaultValue={value ?? ""} aria-invalid={invalid ? true : undefined}>
      {anyLabel === null ? null : <option value="">{anyLabel}</option>}
      {options.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </select>
  );
}

/**
 * A labelled select of a GET filter form, or of a small POST form that Conform does not manage.
 * `inline` puts the label and the select side by side in an inline form, without the field
 * wrapper; `children` (e.g. the field's errors) follow the select.
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
  anyLabel,
  id = `filter-${name}`,
  inline = false,
  children,
}: {
  name: string;
  label: string;
  value?: string | number | null;
  options: Choices;
  anyLabel: string | null;
  id?: string;
  inline?: boolean;
  children?: ReactNode;
}) {
  const control = (
    <>
      <label htmlFor={id}>{label}</label>
      <PlainSelect id={id} name={name} value={value} options={options} anyLabel={anyLabel} />
      {children}
    </>
  );
  return inline ? control : <div className="field">{control}</div>;
}
