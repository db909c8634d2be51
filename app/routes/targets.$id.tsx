import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { getOptionalUser, isStaff, notFound, requireIdParam } from "~/features/auth/guards.server";
import { drilldown, getTarget } from "~/features/targets/progress.server";
import { DrilldownTable } from "~/features/targets/drilldown-table";
import { TargetCard } from "~/features/targets/target-card";
import { langIfOther } from "~/features/translations/content-language";
import { jurisdictionNames, localisedCards } from "~/features/targets/view.server";
import { getLocale } from "~/i18n/i18next.server";
import { parsePage } from "~/lib/paging";

import { TimeChart } from "~/components/time-chart";
import { progressByMonth } from "~/features/targets/timeline.server";
import chartStyles from "~/styles/charts.css?url";
import targetStyles from "~/styles/targets.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: targetStyles },
  { rel: "stylesheet", href: chartStyles },
];

export const handle = { titleKey: "targets:title" };

const ROWS_PER_PAGE = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const target = await getTarget(requireIdParam(params.id));
  if (!target) throw notFound();
  const page = parsePage(new URL(request.url).searchParams);
  const [user, detail, locale] = await Promise.all([getOptionalUser(request), drilldown(target), getLocale(request)]);
  const rows = detail.rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const [card] = await localisedCards([detail], locale);
  const codes = [...rows.map((r) => r.jurisdiction), card.filter.jurisdiction].filter((c): c is string => !!c);
  return {
    card,
    rows,
    page,
    total: detail.rows.length,
    names: await jurisdictionNames(codes, locale),
    timeline: progressByMonth(detail),
    staff: isStaff(user),
  };
}

export default function TargetDrilldownPage() {
  const { t, i18n } = useTranslation("targets");
  const { card, rows, page, total, names, staff, timeline } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader
        title={t("drill.title", { title: card.title, year: card.year })}
        titleLang={langIfOther(card.titleLang, i18n.language)}
      >
        <p>
          <Link to={`/targets?year=${card.year}`}>{t("drill.back", { year: card.year })}</Link>
        </p>
      </PageHeader>
      <TargetCard target={card} jurisdictionNames={names} staff={staff} linkToRows={false} />
      {timeline ? (
        <section aria-labelledby="drill-timeline" className="stack">
          <h2 id="drill-timeline">{t("drill.timeline.heading")}</h2>
          <TimeChart
            title={t("drill.timeline.title", { year: card.year })}
            caption={t("drill.timeline.caption")}
            items={timeline}
            locale={i18n.language}
            periodHeading={t("drill.timeline.month")}
            valueHeading={t("drill.timeline.value")}
            tableSummary={t("drill.timeline.table")}
            goal={{
              value: card.goal,
              label: t("drill.timeline.goal", { goal: card.goal.toLocaleString(i18n.language) }),
            }}
          />
        </section>
      ) : null}
      <section aria-labelledby="drill-rows" className="stack">
        <h2 id="drill-rows">{t("drill.rows", { count: total })}</h2>
        {total === 0 ? (
          <p className="empty-state">{card.metric === "manual" ? t("drill.manualNoRows") : t("drill.noRows")}</p>
        ) : (
          <DrilldownTable rows={rows} names={names} unit={card.unit} />
        )}
        <Pagination page={page} perPage={ROWS_PER_PAGE} total={total} />
      </section>
    </div>
  );
}
