import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";

export function StageBadge({ stage, on }: { stage: string | null; on?: string | null }) {
  const { t, i18n } = useTranslation("threats");
  return (
    <span className={`badge stage-${stage ?? "none"}`}>
      {stage ? t(`classification.${stage}`) : t("stageNone")}
      {stage && on ? ` · ${formatDate(on, i18n.language)}` : ""}
    </span>
  );
}

export function OutcomeBadge({ outcome }: { outcome: string }) {
  const { t } = useTranslation("threats");
  return <span className={`badge outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>;
}

export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation("threats");
  return (
    <span className={`badge severity-${severity}`}>
      {t("list.severity")}: {t(`severity.${severity}`)}
    </span>
  );
}

export interface ThreatCardData {
  slug: string;
  title: string;
  short_name: string | null;
  identifier: string | null;
  jurisdiction_code: string;
  jurisdiction_name?: string;
  kind: string;
  severity: string;
  stage: string | null;
  stage_on: string | null;
  outcome: string;
  categories?: string[];
}

/** One threat in a list: title, where, what kind, where it stands. */
export function ThreatCard({ threat }: { threat: ThreatCardData }) {
  const { t } = useTranslation("threats");
  return (
    <li className="card threat-card">
      <h3>
        <Link to={`/threats/${threat.slug}`}>{threat.short_name || threat.title}</Link>
      </h3>
      <p className="muted">
        {threat.jurisdiction_name ? (
          <>
            <Link to={`/countries/${threat.jurisdiction_code}`}>{threat.jurisdiction_name}</Link> ·{" "}
          </>
        ) : null}
        {t(`kind.${threat.kind}`)}
        {threat.identifier ? ` ${threat.identifier}` : ""}
        {threat.short_name && threat.short_name !== threat.title ? ` · ${threat.title}` : ""}
      </p>
      <p className="badges">
        <StageBadge stage={threat.stage} on={threat.stage_on} /> <OutcomeBadge outcome={threat.outcome} />{" "}
        <SeverityBadge severity={threat.severity} />
        {threat.categories?.map((c) => (
          <span key={c} className="badge category">
            {t(`category.${c}`)}
          </span>
        ))}
      </p>
    </li>
  );
}
