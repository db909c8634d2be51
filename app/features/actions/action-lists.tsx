import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/lib/format";

// Review states reuse the outbox's badge colours: accepted = done, needs changes = a problem.
const BADGE_CLASS: Record<string, string> = {
  pending: "badge badge-pending",
  accepted: "badge badge-sent",
  needs_changes: "badge badge-failed",
  withdrawn: "badge",
};

export function ReviewBadge({ status }: { status: string }) {
  const { t } = useTranslation("actions");
  return <span className={BADGE_CLASS[status] ?? "badge"}>{t(`status.${status}`)}</span>;
}

export interface ActionRow {
  id: number;
  kind: string;
  occurred_on: string;
  description: string;
  policymakers: string | null;
  outcome: string | null;
  evidence_url: string | null;
  review_status: string;
  review_comment: string | null;
  threat_slug: string | null;
  threat_title: string | null;
  logger_name: string | null;
  editable?: boolean;
}

/** A list of logged actions; states, comments and authors only where the reader may see them. */
export function ActionList({ actions, withStates }: { actions: ActionRow[]; withStates: boolean }) {
  const { t, i18n } = useTranslation("actions");
  if (actions.length === 0) return <p className="empty-state">{t("list.none")}</p>;
  return (
    <ul className="threat-list">
      {actions.map((a) => (
        <li key={a.id} className="card">
          <p>
            <strong>{t(`kind.${a.kind}`)}</strong> ·{" "}
            <time dateTime={a.occurred_on}>{formatDate(a.occurred_on, i18n.language)}</time>
            {withStates ? (
              <>
                {" "}
                <ReviewBadge status={a.review_status} />
              </>
            ) : null}
          </p>
          <p>{a.description}</p>
          {a.policymakers ? <p>{t("list.targeted", { who: a.policymakers })}</p> : null}
          {a.outcome ? <p>{t("list.outcome", { outcome: a.outcome })}</p> : null}
          <p className="muted">
            {a.threat_slug ? (
              <>
                {t("list.threat")} <Link to={`/threats/${a.threat_slug}`}>{a.threat_title}</Link>
              </>
            ) : null}
            {a.threat_slug && a.evidence_url ? " · " : null}
            {a.evidence_url ? (
              <a href={a.evidence_url} rel="noopener noreferrer nofollow">
                {t("list.evidence")}
              </a>
            ) : null}
            {withStates && a.logger_name ? <> · {t("list.loggedBy", { name: a.logger_name })}</> : null}
          </p>
          {withStates && a.review_status === "needs_changes" && a.review_comment ? (
            <p className="alert alert-info">{t("list.reviewComment", { comment: a.review_comment })}</p>
          ) : null}
          {a.editable && a.review_status !== "withdrawn" ? (
            <p>
              <Link to={`/actions/${a.id}/edit`}>{t("list.edit")}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

interface ThreatAdvocacyRow {
  id: number;
  kind: string;
  occurred_on: string;
  outcome: string | null;
  evidence_url: string | null;
  chapter_id: number | null;
  chapter_name: string | null;
  coalition_member_id: number | null;
  organisation_name: string | null;
}

/** The threat page's list of accepted advocacy actions on it. */
export function ThreatAdvocacy({ actions, logUrl }: { actions: ThreatAdvocacyRow[]; logUrl: string | null }) {
  const { t, i18n } = useTranslation("actions");
  return (
    <section aria-labelledby="advocacy-heading">
      <h2 id="advocacy-heading">{t("threat.advocacy")}</h2>
      {logUrl ? (
        <p>
          <Link to={logUrl}>{t("threat.logOne")}</Link>
        </p>
      ) : null}
      {actions.length === 0 ? (
        <p className="empty-state">{t("threat.noAdvocacy")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("threat.who")}</th>
                <th scope="col">{t("fields.kind")}</th>
                <th scope="col">{t("fields.occurredOn")}</th>
                <th scope="col">{t("fields.outcome")}</th>
                <th scope="col">{t("list.evidence")}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.chapter_id ? (
                      <Link to={`/chapters/${a.chapter_id}`}>{a.chapter_name}</Link>
                    ) : a.coalition_member_id ? (
                      <Link to={`/coalition/${a.coalition_member_id}`}>{a.organisation_name}</Link>
                    ) : (
                      t("threat.unlistedMember")
                    )}
                  </td>
                  <td>{t(`kind.${a.kind}`)}</td>
                  <td>{formatDate(a.occurred_on, i18n.language)}</td>
                  <td>{a.outcome ?? "—"}</td>
                  <td>
                    {a.evidence_url ? (
                      <a href={a.evidence_url} rel="noopener noreferrer nofollow">
                        {t("list.evidence")}
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The threat page's list of letter campaigns about it. */
export function ThreatCampaigns({
  campaigns,
}: {
  campaigns: Array<{ id: number; slug: string; status: string; title: string }>;
}) {
  const { t } = useTranslation("actions");
  if (campaigns.length === 0) return null;
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 id="campaigns-heading">{t("threat.campaigns")}</h2>
      <ul>
        {campaigns.map((c) => (
          <li key={c.id}>
            <a href={`/campaigns/${c.slug}`}>{c.title}</a>{" "}
            <span className="badge">{t(`campaignStatus.${c.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
