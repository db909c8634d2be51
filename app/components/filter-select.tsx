/** A select of a GET filter form: a labelled field, with an "any" option first unless `anyLabel` is null. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  anyLabel,
}: {
  name: string;
  label: string;
  value?: string | number;
  options: Array<[string, string]>;
  anyLabel: string | null;
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        {anyLabel === null ? null : <option value="">{anyLabel}</option>}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
