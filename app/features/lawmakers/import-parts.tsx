/** The lawmakers import page's own parts: the choice of mode, and what a finished import did. */
import { Link } from "@remix-run/react";
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
