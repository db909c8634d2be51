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

/** The list's select filters, in the order the form shows them. */
const FILTER_FIELDS = ["jurisdiction", "category", "stage", "outcome", "severity", "year"] as const;

export default function ThreatsPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { threats, total, filters, query, jurisdictions, staff, canPropose } = useLoaderData<typeof loader>();
  const years = Array.from({ length: new Date().getUTCFullYear() - 2009 }, (_, i) =>
    String(new Date().getUTCFullYear() - i),
  );
  const choices = {
    jurisdiction: jurisdictions.map((j) => [j.value, j.label] as const),
    category: CATEGORIES.map((c) => [c, t(`category.${c}`)] as const),
    stage: [...CLASSIFICATIONS.map((c) => [c, t(`classification.${c}`)] as const), ["none", t("stageNone")] as const],
    outcome: OUTCOMES.map((o) => [o, t(`outcome.${o}`)] as const),
    severity: SEVERITIES.map((s) => [s, t(`severity.${s}`)] as const),
    year: years.map((y) => [y, y] as const),
  };
  // What applies, in the order of the form, for the disclosure's summary.
  const active = [
    filters.q ? t("list.searchTerm", { q: filters.q }) : null,
    ...(Object.keys(choices) as Array<keyof typeof choices>).map((name) => {
      const value = filters[name];
      if (value === undefined) return null;
      return choices[name].find(([v]) => v === String(value))?.[1] ?? String(value);
    }),
  ].filter((label): label is string => !!label);
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
      {/* Closed on narrow screens, so that the first threats are in view; always open on wide ones
          (responsive.css), and open when nothing matches, to change the filters. Keyed by the query, so
          that applying filters closes it, as a page load would. */}
      <details key={query} className="filter-panel" open={active.length > 0 && total === 0 ? true : undefined}>
        <summary>{active.length ? t("list.filterActive", { filters: active.join(", ") }) : t("list.filter")}</summary>
        <Form method="get" className="filters" role="search" aria-label={t("list.filters")}>
          <div className="field">
            <label htmlFor="filter-q">{t("list.search")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
          </div>
          {FILTER_FIELDS.map((name) => (
            <FilterSelect
              key={name}
              anyLabel={t("list.any")}
              name={name}
              label={t(`list.${name}`)}
              value={filters[name]}
              options={choices[name]}
            />
          ))}
          <button type="submit">{t("common:actions.filter")}</button>
          <Link to="/threats">{t("list.clear")}</Link>
        </Form>
      </details>
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
                  {
                    code: threat.jurisdiction_code,
                    name_en: threat.jurisdiction_name_en,
                    name_fr: threat.jurisdiction_name_fr,
                  },
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
