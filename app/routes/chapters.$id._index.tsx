import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff, notFound, requireIdParam } from "~/features/auth/guards.server";
import { listChapterActions, seesAllOf } from "~/features/actions/actions.server";
import { ActionList } from "~/features/actions/action-lists";
import { chapterYearlySummary, getChapter, listChapterThreats } from "~/features/chapters/chapters.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { OutcomeBadge, StageBadge } from "~/features/threats/threat-card";
import { ACTION_KINDS } from "~/lib/vocabularies";

export const handle = { titleKey: "actions:chapter.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.id);
  const [chapter, user] = await Promise.all([getChapter(id), getOptionalUser(request)]);
  if (!chapter) throw notFound();
  const insider = seesAllOf(user, { chapterId: id });
  const [actions, threats, summary] = await Promise.all([
    listChapterActions(id, insider ? "all" : "accepted"),
    listChapterThreats(chapter.jurisdiction_code),
    chapterYearlySummary(id),
  ]);
  return {
    pageTitle: chapter.name,
    chapter,
    // The loader's data is in the page too: outsiders get neither the logger nor staff's comment.
    actions: insider
      ? actions
      : actions.map((a) => ({ ...a, logged_by: null, logger_name: null, review_comment: null })),
    threats,
    summary,
    insider,
    staff: isStaff(user),
    lead: !!user && user.role === "chapter_lead" && user.chapter_id === id,
  };
}

/** Kinds down, years across (few years, many kinds: it fits the side column). */
function YearlySummary({ summary }: { summary: Array<{ year: string; kind: string; count: number }> }) {
  const { t } = useTranslation("actions");
  if (summary.length === 0) return <p className="empty-state">{t("chapter.noSummary")}</p>;
  const years = [...new Set(summary.map((s) => s.year))].sort().reverse();
  const kinds = ACTION_KINDS.filter((k) => summary.some((s) => s.kind === k));
  const count = (year: string, kind: string) => summary.find((s) => s.year === year && s.kind === kind)?.count ?? 0;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("chapter.summary")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fields.kind")}</th>
            {years.map((y) => (
              <th key={y} scope="col">
                {y}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {kinds.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`kind.${k}`)}</th>
              {years.map((y) => (
                <td key={y}>{count(y, k)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("chapter.total")}</th>
            {years.map((y) => (
              <td key={y}>{summary.filter((s) => s.year === y).reduce((sum, s) => sum + s.count, 0)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function ChapterPage() {
  const { t, i18n } = useTranslation(["actions", "common"]);
  const { chapter, actions, threats, summary, insider, staff, lead } = useLoaderData<typeof loader>();
  const country = jurisdictionName(chapter, i18n.language);
  return (
    <article className="stack">
      <p className="muted">
        <Link to="/chapters">{t("chapters.back")}</Link>
      </p>
      <PageHeader
        title={chapter.name}
        lead={`${t(`common:chapters.kind.${chapter.kind}`)} · ${country}${
          chapter.region ? ` · ${t(`region.${chapter.region}`, { defaultValue: chapter.region })}` : ""
        }`}
      >
        {chapter.status === "inactive" || staff || lead || insider ? (
          <p className="inline-form">
            {chapter.status === "inactive" ? <span className="badge">{t("chapterStatus.inactive")}</span> : null}
            {staff ? <Link to={`/chapters/${chapter.id}/edit`}>{t("chapters.edit")}</Link> : null}
            {staff || lead ? <Link to={`/chapters/${chapter.id}/members`}>{t("chapters.membersLink")}</Link> : null}
            {insider && !staff ? (
              <Link className="button" to="/actions/new">
                {t("log.new")}
              </Link>
            ) : null}
          </p>
        ) : null}
      </PageHeader>
      <div className="two-columns">
        <div className="stack">
          <section aria-labelledby="chapter-actions">
            <h2 id="chapter-actions">{t(insider ? "chapter.allActions" : "chapter.actions")}</h2>
            <ActionList actions={actions} withStates={insider} />
          </section>
        </div>
        <aside className="stack">
          <section aria-labelledby="chapter-summary">
            <h2 id="chapter-summary">{t("chapter.summary")}</h2>
            <YearlySummary summary={summary} />
          </section>
          <section aria-labelledby="chapter-threats">
            <h2 id="chapter-threats">{t("chapter.threats", { country })}</h2>
            {threats.length === 0 ? (
              <p className="empty-state">{t("chapter.noThreats")}</p>
            ) : (
              <ul>
                {threats.map((th) => (
                  <li key={th.id}>
                    <Link to={`/threats/${th.slug}`}>{th.short_name ?? th.title}</Link> <StageBadge stage={th.stage} />{" "}
                    <OutcomeBadge outcome={th.outcome} />
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={`/countries/${chapter.jurisdiction_code}`}>{t("chapter.countryPage", { country })}</Link>
            </p>
          </section>
        </aside>
      </div>
    </article>
  );
}
