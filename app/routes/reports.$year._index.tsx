import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { ReportSectionView } from "~/features/reports/report-view";
import { loadReport, namesFor, textsFor } from "~/features/reports/view.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";
import { formatDate } from "~/lib/format";

import reportStyles from "~/styles/reports.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const handle = { titleKey: "reports:index.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [{ view, staff }, locale] = await Promise.all([loadReport(request, params.year), getLocale(request)]);
  const shown = new Set(view.sections);
  return {
    pageTitle: (await getFixedT(locale, "reports"))("page.title", { year: view.year }),
    year: view.year,
    state: view.state,
    publishedAt: view.publishedAt,
    revisedOn: view.revisedOn,
    sections: view.figures.sections.filter((s) => shown.has(s.key)),
    texts: textsFor(view, locale),
    names: await namesFor(view, locale),
    locale,
    staff,
  };
}

export default function ReportPage() {
  const { t } = useTranslation("reports");
  const { year, state, publishedAt, revisedOn, sections, texts, names, locale, staff } = useLoaderData<typeof loader>();
  const base = `/reports/${year}`;
  return (
    <article className="stack report">
      <PageHeader title={t("page.title", { year })} lead={t("page.lead", { year })}>
        {state === "draft" ? (
          <p className="report-notice" role="status">
            {t("page.draft")}
          </p>
        ) : publishedAt ? (
          <p>{t("page.publishedOn", { date: formatDate(publishedAt, locale) })}</p>
        ) : null}
        {revisedOn ? (
          <p className="report-notice" role="status">
            {t("page.revised", { date: formatDate(revisedOn, locale) })}
          </p>
        ) : null}
        {staff ? (
          <p className="report-staff">
            <Link to={`/staff/reports/${year}`}>{t("page.manage")}</Link>
          </p>
        ) : null}
      </PageHeader>
      <nav aria-label={t("page.downloads")} className="report-downloads">
        <a href={`${base}/report.pdf`} download>
          {t("page.pdf")}
        </a>
        <a href={`${base}/figures.csv`} download>
          {t("page.csv")}
        </a>
        <a href={`/api/v1/reports/${year}`}>{t("page.json")}</a>
      </nav>
      <nav aria-label={t("page.contents")} className="report-downloads">
        {sections.map((section) => (
          <a key={section.key} href={`#${section.key}`}>
            {t(`section.${section.key}`)}
          </a>
        ))}
      </nav>
      {sections.map((section) => (
        <ReportSectionView
          key={section.key}
          section={section}
          year={year}
          locale={locale}
          names={names}
          text={texts[section.key]}
        />
      ))}
    </article>
  );
}
