import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { getScopeName } from "~/features/auth/accounts.server";
import { isStaff, requireUser } from "~/features/auth/guards.server";
import { listMyLog } from "~/features/actions/actions.server";
import { LOG_PER_PAGE } from "~/features/actions/constants";
import { requireLogger } from "~/features/actions/guards.server";
import { ActionList } from "~/features/actions/action-lists";
import { parsePage } from "~/lib/paging";

export const handle = { titleKey: "actions:log.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  // Staff have no log of their own: their page is the review queue.
  if (isStaff(await requireUser(request))) throw redirect("/staff/actions");
  const user = await requireLogger(request);
  const url = new URL(request.url);
  const mine = url.searchParams.get("mine") === "1";
  const page = parsePage(url.searchParams);
  const [log, scopeName] = await Promise.all([listMyLog(user, { mine, page }), getScopeName(user)]);
  return {
    ...log,
    mine,
    page,
    scopeName,
    chapterId: user.coalition_member_id ? null : user.chapter_id,
    lead: user.role === "chapter_lead",
  };
}

export default function MyLogPage() {
  const { t } = useTranslation("actions");
  const { rows, total, mine, page, scopeName, chapterId, lead } = useLoaderData<typeof loader>();
  const saved = useSearchParams()[0].get("saved");
  return (
    <div className="stack">
      <PageHeader title={t("log.title")} lead={t("log.lead", { scope: scopeName ?? "" })}>
        <p className="inline-form">
          <Link className="button" to="/actions/new">
            {t("log.new")}
          </Link>
          {chapterId ? <Link to={`/chapters/${chapterId}`}>{t("log.chapterPage")}</Link> : null}
          {chapterId && lead ? <Link to={`/chapters/${chapterId}/members`}>{t("chapters.membersLink")}</Link> : null}
        </p>
      </PageHeader>
      {saved === "1" || saved === "withdrawn" ? (
        <p className="alert alert-success" role="status">
          {t(saved === "1" ? "log.saved" : "log.withdrawn")}
        </p>
      ) : null}
      <nav className="inline-form" aria-label={t("log.show")}>
        {mine ? <Link to="/actions">{t("log.all")}</Link> : <strong>{t("log.all")}</strong>}
        {mine ? <strong>{t("log.mine")}</strong> : <Link to="/actions?mine=1">{t("log.mine")}</Link>}
      </nav>
      <p role="status">{t("log.count", { count: total })}</p>
      <ActionList actions={rows} withStates />
      <Pagination page={page} perPage={LOG_PER_PAGE} total={total} />
    </div>
  );
}
