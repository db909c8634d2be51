import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { CHAPTER_ROLES, getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { CATEGORIES, CLASSIFICATIONS, OUTCOMES, SEVERITIES } from "~/lib/vocabularies";
import { DEFAULT_PER_PAGE, parseThreatFiltersLeniently } from "~/features/threats/filters";
import { listThreats } from "~/features/threats/queries.server";
import { ThreatCard } from "~/features/threats/threat-card";
import { FilterSelect } from "~/components/filter-select";

export const handle = { titleKey: "nav.threats" };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseThreatFiltersLeniently(url.searchParams);
  const [user, { rows, total }, jurisdictions] = await Promise.all([
    getOptionalUser(request),
    listThreats({ ...filters, per_page: DEFAULT_PER_PAGE }),
    getLocale(request).then(jurisdictionOptions),
  ]);
  return {
    threats: rows,
    total,
    filters,
    query: url.search,
    jurisdictions,
    staff: isStaff(user),
    canPropose: !!user && CHAPTER_ROLES.includes(user.role),
  };
}

export default function ThreatsPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { threats, total, filters, query, jurisdictions, staff, canPropose } = useLoaderData<typeof loader>();
  const years = Array.from({ length: new Date().getUTCFullYear() - 2009 }, (_, i) =>
    String(new Date().getUTCFullYear() - i),
  );
  return (
    <div>
      <PageHeader title={t("common:nav.threats")} lead={t("common:sections.threats")}>
        <p className="inline-form">
          <Link to="/threats/map">{t("list.mapLink")}</Link>
          {staff ? (
            <>
              <Link className="button" to="/threats/new">
                {t("list.new")}
              </Link>
              <a href={`/threats/export.csv${query}`}>{t("list.export")}</a>
            </>
          ) : null}
          {canPropose ? <Link to="/threats/propose">{t("list.propose")}</Link> : null}
        </p>
      </PageHeader>
      <Form method="get" className="filters" role="search" aria-label={t("list.filters")}>
        <div className="field">
          <label htmlFor="filter-q">{t("list.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
        </div>
        <FilterSelect
          anyLabel={t("list.any")}
          name="jurisdiction"
          label={t("list.jurisdiction")}
          value={filters.jurisdiction}
          options={jurisdictions.map((j) => [j.value, j.label])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="category"
          label={t("list.category")}
          value={filters.category}
          options={CATEGORIES.map((c) => [c, t(`category.${c}`)])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="stage"
          label={t("list.stage")}
          value={filters.stage}
          options={[
            ...CLASSIFICATIONS.map((c) => [c, t(`classification.${c}`)] as [string, string]),
            ["none", t("stageNone")],
          ]}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="outcome"
          label={t("list.outcome")}
          value={filters.outcome}
          options={OUTCOMES.map((o) => [o, t(`outcome.${o}`)])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="severity"
          label={t("list.severity")}
          value={filters.severity}
          options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="year"
          label={t("list.year")}
          value={filters.year}
          options={years.map((y) => [y, y])}
        />
        <button type="submit">{t("common:actions.filter")}</button>
        <Link to="/threats">{t("list.clear")}</Link>
      </Form>
      <p role="status">{t("list.count", { count: total })}</p>
      {threats.length === 0 ? (
        <p className="empty-state">{t("list.none")}</p>
      ) : (
        <ul className="threat-list">
          {threats.map((threat) => (
            <ThreatCard
              key={threat.id}
              threat={{
                ...threat,
                jurisdiction_name: jurisdictionName(
                  { name_en: threat.jurisdiction_name_en, name_fr: threat.jurisdiction_name_fr },
                  i18n.language,
                ),
              }}
            />
          ))}
        </ul>
      )}
      <Pagination page={filters.page ?? 1} perPage={DEFAULT_PER_PAGE} total={total} />
    </div>
  );
}
