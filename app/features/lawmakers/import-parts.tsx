/**
 * The lawmakers import page's own parts: the choice of format and mode, and what a finished
 * import did.
 */
import { Link } from "@remix-run/react";
import { cloneElement, type ReactElement } from "react";
import { useTranslation } from "react-i18next";
import type { ImportMode } from "~/lib/csv-import.server";

export function ImportModeField({ mode }: { mode: ImportMode }) {
  const { t } = useTranslation("lawmakers");
  return (
    <fieldset className="field checkbox-group">
      <legend>{t("import.mode.legend")}</legend>
      <label>
        <input type="radio" name="mode" value="all" defaultChecked={mode === "all"} /> {t("import.mode.all")}
      </label>
      <label>
        <input type="radio" name="mode" value="skip" defaultChecked={mode === "skip"} /> {t("import.mode.skip")}
      </label>
    </fieldset>
  );
}

/** A label, its hint and one control (given without id), tied together for screen readers. */
function HintedField({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  children: ReactElement<{ id?: string; "aria-describedby"?: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      {cloneElement(children, { id, "aria-describedby": `${id}-hint` })}
    </div>
  );
}

/**
 * How to read the file: detected (a file starting with `{` is Popolo JSON), or said; and for a
 * Popolo file, which legislature (needed only when it has several) and which jurisdiction
 * (needed only when its divisions do not tell).
 */
export function ImportFormatFields({
  fields,
  jurisdictions,
}: {
  fields: Record<string, string>;
  jurisdictions: Array<{ value: string; label: string }>;
}) {
  const { t } = useTranslation("lawmakers");
  const format = fields.format === "csv" || fields.format === "popolo" ? fields.format : "auto";
  return (
    <>
      <fieldset className="field checkbox-group">
        <legend>{t("import.format.legend")}</legend>
        {(["auto", "csv", "popolo"] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="format" value={value} defaultChecked={format === value} />{" "}
            {t(`import.format.${value}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field field-group">
        <legend>{t("import.popolo.legend")}</legend>
        <HintedField
          id="import-legislature"
          label={t("import.popolo.legislature")}
          hint={t("import.popolo.legislatureHint")}
        >
          <input name="legislature" type="text" maxLength={1000} defaultValue={fields.legislature ?? ""} />
        </HintedField>
        <HintedField
          id="import-jurisdiction"
          label={t("import.popolo.jurisdiction")}
          hint={t("import.popolo.jurisdictionHint")}
        >
          <select name="jurisdiction" defaultValue={fields.jurisdiction ?? ""}>
            <option value="">{t("import.popolo.fromFile")}</option>
            {jurisdictions.map((j) => (
              <option key={j.value} value={j.value}>
                {j.label}
              </option>
            ))}
          </select>
        </HintedField>
      </fieldset>
    </>
  );
}

export interface ImportDoneCounts {
  created: number;
  updated: number;
  unchanged: number;
  ms: number;
  noContact: number;
  /** Null for an all-or-nothing import (nothing can be skipped). */
  skipped: number | null;
  /** The skipped rows with their errors, as a data: URL, when there are any. */
  skippedCsv?: string;
  skippedFile?: string;
}

export function ImportDone({ done }: { done: ImportDoneCounts }) {
  const { t, i18n } = useTranslation("lawmakers");
  const number = (n: number) => n.toLocaleString(i18n.language);
  const seconds = (done.ms / 1000).toLocaleString(i18n.language, { maximumFractionDigits: 1 });
  const counts = { created: number(done.created), updated: number(done.updated), unchanged: number(done.unchanged) };
  return (
    <section className="stack" aria-labelledby="import-done">
      <h2 id="import-done" className="visually-hidden">
        {t("import.doneHeading")}
      </h2>
      <p className="alert alert-success" role="status">
        {done.skipped === null
          ? t("import.done", { count: done.created, seconds, ...counts })
          : t("import.doneSkipping", { seconds, ...counts, skipped: number(done.skipped) })}{" "}
        {done.noContact
          ? t("import.doneNoContact", { count: done.noContact, formatted: number(done.noContact) })
          : null}{" "}
        <Link to="/lawmakers">{t("import.toDirectory")}</Link>
      </p>
      {done.skippedCsv ? (
        <p>
          <a className="button" href={done.skippedCsv} download={done.skippedFile} aria-describedby="skipped-hint">
            {t("import.downloadSkipped", { count: done.skipped ?? 0, formatted: number(done.skipped ?? 0) })}
          </a>{" "}
          <span className="hint" id="skipped-hint">
            {t("import.skippedHint")}
          </span>
        </p>
      ) : null}
      {done.noContact ? (
        <p>
          <Link to="/lawmakers?needs_contact=1">{t("import.toNeedsContact")}</Link>
        </p>
      ) : null}
    </section>
  );
}
