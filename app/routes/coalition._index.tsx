import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { SECTORS } from "~/lib/vocabularies";
import { GrowthChart } from "~/features/coalition/growth-chart";
import { listMembers, MemberFiltersSchema, type MemberFilters } from "~/features/coalition/members.server";
import { growthByYear, memberCounts } from "~/features/coalition/stats.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "nav.coalition" };

/** A bad filter value is dropped, not an error: the directory always shows something. */
function parseFilters(params: URLSearchParams): MemberFilters {
  const filters: Record<string, unknown> = {};
  for (const key of ["sector", "jurisdiction", "year", "q", "page"] as const) {
    const parsed = MemberFiltersSchema.shape[key].safeParse(params.get(key) || undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as MemberFilters;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseFilters(new URL(request.url).searchParams);
  const [members, counts, growth, jurisdictions, user] = await Promise.all([
    listMembers(filters),
    memberCounts(),
    growthByYear(),
    getLocale(request).then(jurisdictionOptions),
    getOptionalUser(request),
  ]);
  return { members, counts, growth, jurisdictions, filters, staff: isStaff(user) };
}

export default function CoalitionPage() {
  const { t, i18n } = useTranslation(["coalition", "common"]);
  const { members, counts, growth, jurisdictions, filters, staff } = useLoaderData<typeof loader>();
  const years = growth.map((g) => g.year).reverse();
  return (
    <div className="stack">
      <PageHeader title={t("common:nav.coalition")} lead={t("directory.lead")}>
        <p className="inline-form">
          <Link className="button" to="/coalition/apply">
            {t("directory.apply")}
          </Link>
          {staff ? (
            <>
              <Link to="/coalition/import">{t("directory.import")}</Link>
              <a href="/coalition/export.csv">{t("directory.export")}</a>
            </>
          ) : null}
        </p>
      </PageHeader>
      <div className="stats" role="status">
        <p>
          <strong>{counts.members}</strong> {t("directory.members")}
        </p>
        <p>
          <strong>{counts.countries}</strong> {t("directory.countries")}
        </p>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("directory.filters")}>
        <div className="field">
          <label htmlFor="member-q">{t("directory.search")}</label>
          <input id="member-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
        </div>
        <FilterSelect
          anyLabel={t("directory.any")}
          name="sector"
          label={t("directory.sector")}
          value={filters.sector}
          options={SECTORS.map((s) => [s, t(`sector.${s}`)])}
        />
        <FilterSelect
          anyLabel={t("directory.any")}
          name="jurisdiction"
          label={t("directory.country")}
          value={filters.jurisdiction}
          options={jurisdictions.map((j) => [j.value, j.label])}
        />
        <FilterSelect
          anyLabel={t("directory.any")}
          name="year"
          label={t("directory.joined")}
          value={filters.year}
          options={years.map((y) => [String(y), String(y)])}
        />
        <button type="submit">{t("common:actions.filter")}</button>
        <Link to="/coalition">{t("directory.clear")}</Link>
      </Form>
      <p>{t("directory.count", { count: members.total })}</p>
      {members.rows.length === 0 ? (
        <p className="empty-state">{t("directory.none")}</p>
      ) : (
        <ul className="member-grid">
          {members.rows.map((m) => (
            <li key={m.id} className="card">
              <h3>
                <Link to={`/coalition/${m.id}`}>{m.name}</Link>
              </h3>
              <p className="muted">
                {t(`sector.${m.sector}`)}
                {m.name_en
                  ? ` · ${jurisdictionName(
                      { code: m.jurisdiction_code, name_en: m.name_en, name_fr: m.name_fr ?? m.name_en },
                      i18n.language,
                    )}`
                  : ""}
                {m.joined_on ? ` · ${t("directory.since", { year: m.joined_on.slice(0, 4) })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={members.page} perPage={members.perPage} total={members.total} />
      <div className="two-columns">
        <section aria-labelledby="growth-heading">
          <h2 id="growth-heading">{t("directory.growthTitle")}</h2>
          <GrowthChart points={growth} />
        </section>
        <aside className="stack">
          <section aria-labelledby="sector-heading">
            <h2 id="sector-heading">{t("directory.bySector")}</h2>
            <ul>
              {counts.bySector.map((s) => (
                <li key={s.sector}>
                  <Link to={`/coalition?sector=${s.sector}`}>
                    {t(`sector.${s.sector}`, { defaultValue: s.sector })}
                  </Link>
                  : {s.count}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="country-heading">
            <h2 id="country-heading">{t("directory.byCountry")}</h2>
            <ul>
              {counts.byCountry.slice(0, 15).map((c) => (
                <li key={c.code}>
                  <Link to={`/coalition?jurisdiction=${c.code}`}>{jurisdictionName(c, i18n.language)}</Link>: {c.count}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}
