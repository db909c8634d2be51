import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { evaluateYear } from "~/features/targets/progress.server";
import { parseYear } from "~/features/targets/forms";
import { currentYear } from "~/features/targets/status";
import { targetYears } from "~/features/targets/targets.server";
import { TargetCard } from "~/features/targets/target-card";
import { jurisdictionNames, localisedCards } from "~/features/targets/view.server";
import { getLocale } from "~/i18n/i18next.server";

import targetStyles from "~/styles/targets.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: targetStyles }];

export const handle = { titleKey: "nav.targets" };

export async function loader({ request }: LoaderFunctionArgs) {
  const thisYear = currentYear();
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), thisYear);
  if (!parsed.ok) throw new Response("Bad Request: year", { status: 400, statusText: "Bad Request" });
  const { year } = parsed;
  const [user, progress, years, locale] = await Promise.all([
    getOptionalUser(request),
    evaluateYear(year),
    targetYears(),
    getLocale(request),
  ]);
  const targets = await localisedCards(progress, locale);
  const codes = targets.map((t) => t.filter.jurisdiction).filter((c): c is string => !!c);
  return {
    year,
    years: [...new Set([thisYear, year, ...years])].sort((a, b) => b - a),
    targets,
    names: await jurisdictionNames(codes, locale),
    staff: isStaff(user),
  };
}

export default function TargetsPage() {
  const { t } = useTranslation(["targets", "common"]);
  const { year, years, targets, names, staff } = useLoaderData<typeof loader>();
  const met = targets.filter((target) => target.status === "met").length;
  return (
    <div className="stack">
      <PageHeader title={t("page.title", { year })} lead={t("page.lead")}>
        {staff ? (
          <p>
            <Link to={`/staff/targets?year=${year}`}>{t("page.manage")}</Link>
          </p>
        ) : null}
      </PageHeader>
      <nav className="inline-form" aria-label={t("page.yearLabel")}>
        <Link to={`/targets?year=${year - 1}`} rel="prev">
          {t("page.previousYear")}
        </Link>
        <Form method="get" className="inline-form">
          <FilterSelect
            inline
            anyLabel={null}
            id="target-year"
            name="year"
            label={t("page.yearLabel")}
            value={year}
            options={years.map((y) => [String(y), String(y)])}
          />
          <button type="submit">{t("page.show")}</button>
        </Form>
        <Link to={`/targets?year=${year + 1}`} rel="next">
          {t("page.nextYear")}
        </Link>
      </nav>
      {targets.length === 0 ? (
        <p className="empty-state">{t("page.none", { year })}</p>
      ) : (
        <>
          <p role="status">{t("page.summary", { met, total: targets.length })}</p>
          <div className="target-list">
            {targets.map((target) => (
              <TargetCard key={target.id} target={target} jurisdictionNames={names} staff={staff} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
