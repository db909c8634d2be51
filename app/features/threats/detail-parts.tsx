import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";
import type { ThreatDetail } from "~/features/threats/queries.server";

type Serialized<T> = T extends Date ? string : T;

export function ThreatTimeline({
  steps,
  outcomes,
  correctUrl,
}: {
  steps: ThreatDetail["steps"];
  outcomes: ThreatDetail["outcomes"];
  /** For staff: where a step is corrected or removed. */
  correctUrl?: (stepId: number) => string;
}) {
  const { t, i18n } = useTranslation("threats");
  const entries = [
    ...steps.map((a) => ({
      key: `a${a.id}`,
      date: a.occurred_on,
      label: t(`classification.${a.classification}`),
      note: a.note,
      source: a.source_url,
      order: a.id,
      correct: correctUrl ? correctUrl(a.id) : null,
    })),
    ...outcomes.map((o) => ({
      key: `o${o.id}`,
      date: o.decided_on,
      label: t("outcomeChange", { outcome: t(`outcome.${o.outcome}`) }),
      note: o.reason,
      source: null,
      order: o.id,
      correct: null,
    })),
  ].sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? -1 : 1));
  if (entries.length === 0) return <p className="empty-state">{t("detail.noSteps")}</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.key}>
          <time dateTime={e.date}>{formatDate(e.date, i18n.language)}</time> — <strong>{e.label}</strong>
          {e.note ? <div>{e.note}</div> : null}
          {e.source ? (
            <div>
              <a href={e.source} rel="noopener noreferrer nofollow">
                {t("detail.source")}
              </a>
            </div>
          ) : null}
          {e.correct ? (
            <div>
              <Link to={e.correct} aria-label={t("corrections.linkFor", { step: e.label, date: e.date })}>
                {t("corrections.link")}
              </Link>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function AssessmentTable({ assessment }: { assessment: Serialized<ThreatDetail["assessment"]> }) {
  const { t, i18n } = useTranslation("threats");
  if (!assessment) return <p className="empty-state">{t("detail.noAssessment")}</p>;
  return (
    <div className="table-wrap">
      {assessment.summary ? <p>{assessment.summary}</p> : null}
      <table>
        <caption className="visually-hidden">{t("detail.assessment")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("assessment.property")}</th>
            <th scope="col">{t("assessment.rating")}</th>
            <th scope="col">{t("fields.note")}</th>
          </tr>
        </thead>
        <tbody>
          {assessment.ratings.map((r) => (
            <tr key={r.property_id}>
              <th scope="row">
                <span className="muted">{t(`assessment.kind.${r.kind}`)}</span> ·{" "}
                {i18n.language === "fr" ? r.name_fr : r.name_en}
              </th>
              <td className={`rating-${r.rating}`}>{t(`rating.${r.rating}`)}</td>
              <td>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t("assessment.by", {
          name: assessment.assessed_by_name ?? "—",
          date: formatDate(assessment.updated_at, i18n.language),
        })}
      </p>
    </div>
  );
}

interface StatementRow {
  id: number;
  speaker: string;
  speaker_role: string | null;
  body: string | null;
  jurisdiction_code: string;
  stated_on: string;
  stance: string;
  kind: string;
  quote: string | null;
  url: string | null;
  threat_slug: string | null;
  threat_title: string | null;
}

export function StatementList({
  statements,
  showThreat = false,
}: {
  statements: StatementRow[];
  showThreat?: boolean;
}) {
  const { t, i18n } = useTranslation("threats");
  if (statements.length === 0) return <p className="empty-state">{t("detail.noStatements")}</p>;
  return (
    <ul className="threat-list">
      {statements.map((s) => (
        <li key={s.id} className="card">
          <p>
            <strong>{s.speaker}</strong>
            {s.speaker_role ? `, ${s.speaker_role}` : ""}
            {s.body ? ` (${s.body})` : ""} · {formatDate(s.stated_on, i18n.language)}
          </p>
          <p className="badges">
            <span className={`badge stance-${s.stance}`}>{t(`stance.${s.stance}`)}</span>
            <span className="badge">{t(`statementKind.${s.kind}`)}</span>
          </p>
          {s.quote ? <blockquote>{s.quote}</blockquote> : null}
          <p>
            {s.url ? (
              <a href={s.url} rel="noopener noreferrer nofollow">
                {t("detail.source")}
              </a>
            ) : null}
            {showThreat && s.threat_slug ? (
              <>
                {s.url ? " · " : ""}
                <a href={`/threats/${s.threat_slug}`}>{s.threat_title}</a>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ul>
  );
}
