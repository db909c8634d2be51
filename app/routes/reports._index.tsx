import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { reportsOverview } from "~/features/reports/overview.server";
import { formatValue } from "~/features/reports/report-view";
import { currentYear } from "~/features/targets/status";
import { getLocale } from "~/i18n/i18next.server";

import reportStyles from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle = { titleKey: "reports:index.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { published, overview }, locale] = await Promise.all([
    getOptionalUser(request),
    reportsOverview(),
    getLocale(request),
  ]);
  return { published, overview, locale, staff: isStaff(user), thisYear: currentYear() };
}

export default function ReportsIndex() {
  const { t } = useTranslation("reports");
  const { published, overview, locale, staff, thisYear } = useLoaderData<typeof loader>();
  const members = overview.rows.find((r) => r.key === "coalition.members");
  return (
    <div className="stack">
      <PageHeader title={t("index.title")} lead={t("index.lead")}>
        {staff ? (
          <p className="report-staff">
            <Link to={`/staff/reports/${thisYear - 1}`}>{t("index.staffLink", { year: thisYear - 1 })}</Link> ·{" "}
            <Link to={`/staff/reports/${thisYear}`}>{t("index.staffLink", { year: thisYear })}</Link>
          </p>
        ) : null}
      </PageHeader>
      <section aria-labelledby="published-title" className="stack">
        <h2 id="published-title">{t("index.published")}</h2>
        {published.length === 0 ? (
          <p className="empty-state">{t("index.none")}</p>
        ) : (
          <ul>
            {published.map((year) => (
              <li key={year}>
                <Link to={`/reports/${year}`}>{t("index.read", { year })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {overview.years.length > 0 ? (
        <section aria-labelledby="overview-title" className="stack">
          <h2 id="overview-title">{t("index.overview")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("page.figure")}</th>
                  {overview.years.map((year) => (
                    <th key={year} scope="col" className="numeric">
                      {year}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {overview.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{t(`figure.${row.key}.name`)}</th>
                    {row.values.map((value, i) => (
                      <td key={overview.years[i]} className="numeric">
                        {value === null ? "—" : formatValue(value, row.unit, locale, t)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {members ? (
            <BarChart
              title={t("figure.coalition.members.name")}
              items={overview.years.map((year, i) => ({
                label: String(year),
                value: members.values[i] ?? 0,
                display:
                  members.values[i] === null ? "—" : formatValue(members.values[i] ?? 0, members.unit, locale, t),
              }))}
              itemHeading={t("index.year")}
              valueHeading={t("page.value")}
              tableSummary={t("page.table")}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
