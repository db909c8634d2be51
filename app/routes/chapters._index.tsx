import { filterYears } from "~/lib/format";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { listChapters, listChaptersForStaff } from "~/features/chapters/chapters.server";
import { parseChapterFilters } from "~/features/chapters/forms";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { getLocale } from "~/i18n/i18next.server";
import { REGIONS, CHAPTER_KINDS } from "~/lib/vocabularies";
import { FilterSelect } from "~/components/filter-select";
import { TimeChart } from "~/components/time-chart";
import { acceptedActionsPerMonth } from "~/features/chapters/actions-per-month.server";
import chartStyles from "~/styles/charts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export const handle = { titleKey: "nav.chapters" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!isStaff(user)) return { staff: null, chapters: await listChapters() };
  const url = new URL(request.url);
  const filters = parseChapterFilters(url.searchParams);
  const year = filters.year ?? new Date().getUTCFullYear();
  const [rows, jurisdictions] = await Promise.all([
    listChaptersForStaff(filters, year),
    getLocale(request).then(jurisdictionOptions),
  ]);
  const perMonth = await acceptedActionsPerMonth(
    year,
    rows.map((r) => r.id),
  );
  return { staff: { rows, filters, year, jurisdictions, perMonth, query: url.search }, chapters: [] };
}

function StaffChapters({ staff }: { staff: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["staff"]> }) {
  const { t, i18n } = useTranslation(["actions", "common"]);
  const years = filterYears();
  return (
    <>
      <p className="inline-form">
        <Link className="button" to="/chapters/new">
          {t("chapters.new")}
        </Link>
        <a href={`/chapters/export.csv${staff.query}`}>{t("chapters.export")}</a>
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("filters.label")}>
        <FilterSelect
          anyLabel={t("filters.any")}
          name="region"
          label={t("fields.region")}
          value={staff.filters.region}
          options={REGIONS.map((r) => [r, t(`region.${r}`)])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="jurisdiction"
          label={t("fields.jurisdiction")}
          value={staff.filters.jurisdiction}
          options={staff.jurisdictions.map((j) => [j.value, j.label])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="kind"
          label={t("fields.chapterKind")}
          value={staff.filters.kind}
          options={CHAPTER_KINDS.map((k) => [k, t(`common:chapters.kind.${k}`)])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="status"
          label={t("fields.status")}
          value={staff.filters.status}
          options={[
            ["active", t("chapterStatus.active")],
            ["inactive", t("chapterStatus.inactive")],
          ]}
        />
        <FilterSelect
          anyLabel={null}
          name="year"
          label={t("fields.year")}
          value={staff.year}
          options={years.map((y) => [y, y])}
        />
        <button type="submit">{t("common:actions.filter")}</button>
        <Link to="/chapters">{t("filters.clear")}</Link>
      </Form>
      <p role="status">{t("chapters.count", { count: staff.rows.length })}</p>
      <TimeChart
        title={t("chapters.perMonth.title", { year: staff.year })}
        caption={t("chapters.perMonth.caption")}
        items={staff.perMonth}
        locale={i18n.language}
        periodHeading={t("chapters.perMonth.month")}
        valueHeading={t("chapters.perMonth.count")}
        tableSummary={t("chapters.perMonth.table")}
      />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.jurisdiction")}</th>
              <th scope="col">{t("fields.chapterKind")}</th>
              <th scope="col">{t("fields.region")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("chapters.members")}</th>
              <th scope="col">{t("chapters.acceptedIn", { year: staff.year })}</th>
              <th scope="col">
                <span className="visually-hidden">{t("common:fields.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/chapters/${c.id}`}>{c.name}</Link>
                </th>
                <td>{jurisdictionName(c, i18n.language)}</td>
                <td>{t(`common:chapters.kind.${c.kind}`)}</td>
                <td>{c.region ? t(`region.${c.region}`, { defaultValue: c.region }) : "—"}</td>
                <td>{t(`chapterStatus.${c.status}`)}</td>
                <td>{c.member_count}</td>
                <td>{c.accepted_count}</td>
                <td className="inline-form">
                  <Link to={`/chapters/${c.id}/edit`}>{t("chapters.edit")}</Link>
                  <Link to={`/chapters/${c.id}/members`}>{t("chapters.membersLink")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export default function ChaptersPage() {
  const { t, i18n } = useTranslation();
  const { chapters, staff } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("nav.chapters")} lead={t("sections.chapters")} />
      {staff ? (
        <StaffChapters staff={staff} />
      ) : chapters.length === 0 ? (
        <p className="empty-state">{t("chapters.none")}</p>
      ) : (
        <ul className="grid" aria-label={t("nav.chapters")}>
          {chapters.map((chapter) => (
            <li key={chapter.id} className="card">
              <Link to={`/chapters/${chapter.id}`}>
                <strong>{chapter.name}</strong>
              </Link>
              <div className="muted">
                {jurisdictionName(chapter, i18n.language)} · {t(`chapters.kind.${chapter.kind}`)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
