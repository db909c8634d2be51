import { getSelectProps, type FieldMetadata } from "@conform-to/react";
import { useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { filterOptions, PICKER_QUERY, type PickerOption } from "~/features/threats/picker";

const toList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value]).map(String);

/**
 * The GET form of a picker's search box. Forms do not nest, so it is rendered before the form the
 * picker is in, and the search box joins it through its `form` attribute: without JavaScript,
 * Enter or the button reloads the page with `?threat_q=`, and the list comes back filtered.
 */
export function ThreatSearchForm({ id }: { id: string }) {
  // The page's other parameters (a preselected threat, `?threat=`) survive the search.
  const [params] = useSearchParams();
  return (
    <form id={id} method="get" hidden>
      {[...params].map(([name, value]) =>
        name === PICKER_QUERY ? null : <input key={`${name}=${value}`} type="hidden" name={name} value={value} />,
      )}
    </form>
  );
}

/**
 * A threat chosen from a list of titles, with a search box that filters the list as one types
 * (with JavaScript) or on a GET round-trip (without). What is posted is what the form posted
 * before: the threat's id, or its address name for `valueKey="slug"`. Choices already made stay in
 * the list whatever the search.
 */
export function ThreatPicker({
  label,
  hint,
  meta,
  options,
  valueKey,
  query,
  searchFormId,
  placeholder,
  multiple = false,
}: {
  label: string;
  hint?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one field or a list of them
  meta: FieldMetadata<any>;
  options: readonly PickerOption[];
  valueKey: "id" | "slug";
  /** The search the page was loaded with (`?threat_q=`). */
  query: string;
  searchFormId: string;
  /** A first, empty choice ("None", "Choose…"); single choice only. */
  placeholder?: string;
  multiple?: boolean;
}) {
  const { t } = useTranslation("threats");
  const { defaultValue, ...select } = getSelectProps(meta);
  const initial = toList(defaultValue);
  const [chosen, setChosen] = useState<string[]>(initial);
  const [search, setSearch] = useState(query);
  const shown = filterOptions(options, search, (o) => chosen.includes(String(o[valueKey])));
  const searchId = `${meta.id}-search`;
  const countId = `${meta.id}-count`;
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const describedBy = [hintId, countId, meta.errors?.length ? meta.errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className="field threat-picker">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="threat-picker-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t("picker.searchLabel", { field: label })}
        </label>
        <input
          id={searchId}
          type="search"
          name={PICKER_QUERY}
          form={searchFormId}
          value={search}
          placeholder={t("picker.searchPlaceholder")}
          aria-controls={meta.id}
          autoComplete="off"
          onChange={(event) => setSearch(event.currentTarget.value)}
          // With JavaScript the list is already filtered: Enter must not reload the page.
          onKeyDown={(event) => {
            if (event.key === "Enter") event.preventDefault();
          }}
        />
        <button type="submit" form={searchFormId} className="secondary button-small">
          {t("picker.search")}
        </button>
      </div>
      <p id={countId} className="hint" aria-live="polite">
        {search.trim()
          ? t("picker.matching", { count: filterOptions(options, search).length })
          : t("picker.all", { count: options.length })}
      </p>
      <select
        {...select}
        key={select.key}
        multiple={multiple}
        size={multiple ? Math.min(8, Math.max(3, shown.length)) : undefined}
        defaultValue={multiple ? initial : (initial[0] ?? "")}
        aria-describedby={describedBy}
        onChange={(event) => setChosen(Array.from(event.currentTarget.selectedOptions, (o) => o.value))}
      >
        {!multiple && placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {shown.map((o) => (
          <option key={o.id} value={o[valueKey]}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
