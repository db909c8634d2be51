import { intlTag } from "~/i18n/config";
import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import {
  FILTER_KEYS,
  METRICS,
  isMetricKey,
  type KindVocabulary,
  type TargetFilter,
} from "~/features/targets/catalogue";
import type { TargetStatus } from "~/features/targets/status";
import { type Unit } from "~/lib/vocabularies";
import { FallbackNote, langIfOther } from "~/features/translations/content-language";

export interface TargetCardData {
  id: number;
  year: number;
  title: string;
  metric: string;
  filter: TargetFilter;
  goal: number;
  value: number;
  unit: Unit;
  status: TargetStatus;
  progress: number;
  parts: { counted: number; total: number } | null;
  snapshotTakenAt: string | null;
  manualEvidence: string | null;
  manualEvidenceUrl: string | null;
  /** The title's language, and whether it is the original standing in for a missing version. */
  titleLang: string;
  titleFallback: boolean;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 1 });
    numberFormats.set(locale, format);
  }
  return format.format(value);
}

export function formatValue(t: TFunction, value: number, unit: Unit, locale: string): string {
  return t(`targets:unit.${unit}`, { value: formatNumber(value, locale) });
}

const KIND_KEYS: Record<KindVocabulary, string> = {
  threat: "threats:kind",
  action: "targets:actionKind",
  event: "targets:eventKind",
  statement: "threats:statementKind",
  signature: "targets:signatureKind",
  chapter: "targets:chapterKind",
};

/** The translation key prefix of a filter's values for a metric. */
export function filterValueKey(metric: string, key: Exclude<(typeof FILTER_KEYS)[number], "jurisdiction">): string {
  switch (key) {
    case "category":
      return "threats:category";
    case "sector":
      return "coalition:sector";
    case "stance":
      return "threats:stance";
    case "severity":
      return "threats:severity";
    case "region":
      return "targets:region";
    case "kind": {
      const info = isMetricKey(metric) ? METRICS[metric] : undefined;
      return info && "kinds" in info ? KIND_KEYS[info.kinds] : "targets:kind";
    }
  }
}

export function describeFilter(
  t: TFunction,
  metric: string,
  filter: TargetFilter,
  jurisdictionNames: Record<string, string>,
): string {
  return FILTER_KEYS.filter((key) => filter[key])
    .map((key) => {
      const value = filter[key]!;
      const label =
        key === "jurisdiction"
          ? (jurisdictionNames[value] ?? value)
          : t(`${filterValueKey(metric, key)}.${value}`, { defaultValue: value });
      return `${t(`targets:fields.${key}`)}: ${label}`;
    })
    .join(" · ");
}

export function StatusBadge({ status }: { status: TargetStatus }) {
  const { t } = useTranslation("targets");
  return <span className={`badge target-status target-status-${status}`}>{t(`status.${status}`)}</span>;
}

export function TargetProgressBar({ value, goal, unit }: { value: number; goal: number; unit: Unit }) {
  const { t, i18n } = useTranslation("targets");
  const percent = goal > 0 ? Math.floor(Math.min(1, Math.max(0, value / goal)) * 100) : 100;
  const text = t("page.progress", {
    value: formatValue(t, value, unit, i18n.language),
    goal: formatValue(t, goal, unit, i18n.language),
    percent,
  });
  return (
    <>
      <progress max={goal > 0 ? goal : 1} value={goal > 0 ? Math.min(value, goal) : 1} aria-label={text}>
        {text}
      </progress>
      <p className="muted target-progress-text">{text}</p>
    </>
  );
}

export function TargetCard({
  target,
  jurisdictionNames,
  staff,
  linkToRows = true,
}: {
  target: TargetCardData;
  jurisdictionNames: Record<string, string>;
  staff: boolean;
  /** False on the drill-down page itself. */
  linkToRows?: boolean;
}) {
  const { t, i18n } = useTranslation(["targets", "threats", "coalition"]);
  const filter = describeFilter(t, target.metric, target.filter, jurisdictionNames);
  const headingId = `target-${target.id}`;
  return (
    <article className="card stack target-card" aria-labelledby={headingId}>
      <header className="target-card-header">
        <h2 id={headingId} lang={langIfOther(target.titleLang, i18n.language)}>
          {target.title}
        </h2>
        <StatusBadge status={target.status} />
      </header>
      <FallbackNote lang={target.titleLang} fallback={target.titleFallback} />
      <p className="target-figure">
        <strong className="target-value">{formatValue(t, target.value, target.unit, i18n.language)}</strong>{" "}
        <span className="muted">
          {t("page.goal", { goal: formatValue(t, target.goal, target.unit, i18n.language) })}
          {target.parts && target.parts.total > 0 ? ` · ${t("page.parts", target.parts)}` : ""}
        </span>
      </p>
      <TargetProgressBar value={target.value} goal={target.goal} unit={target.unit} />
      {target.status === "on_track" || target.status === "behind" ? (
        <p className="hint">{t(`statusHint.${target.status}`)}</p>
      ) : null}
      <div className="target-definition">
        <p>
          <strong>{t("page.definition")}</strong>{" "}
          {t(`metric.${target.metric}.definition`, { defaultValue: target.metric })}
        </p>
        {filter ? <p>{t("page.filter", { filter })}</p> : null}
      </div>
      {target.metric === "manual" && target.manualEvidence ? (
        <p>
          <strong>{t("page.evidence")}</strong> {target.manualEvidence}
          {target.manualEvidenceUrl ? (
            <>
              {" "}
              <a href={target.manualEvidenceUrl} rel="noopener noreferrer nofollow">
                {t("page.evidenceLink")}
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <p className="muted">
        {target.snapshotTakenAt
          ? t("page.snapshot", { date: formatDate(target.snapshotTakenAt, i18n.language) })
          : t("page.live")}
      </p>
      <p className="inline-form">
        {linkToRows ? <Link to={`/targets/${target.id}`}>{t("page.drilldown")}</Link> : null}
        {staff ? <Link to={`/staff/targets/${target.id}`}>{t("page.edit")}</Link> : null}
      </p>
    </article>
  );
}
