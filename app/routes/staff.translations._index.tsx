import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireStaff } from "~/features/auth/guards.server";
import { CONTENT_TYPES, OverviewFiltersSchema } from "~/features/translations/content-types";
import { languageName } from "~/features/translations/content-language";
import { campaignTemplateGaps, translationOverview } from "~/features/translations/overview.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { formatDate } from "~/lib/format";

export const handle = { titleKey: "translations:overview.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const filters = OverviewFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const [overview, campaignGaps] = await Promise.all([
    translationOverview(filters),
    campaignTemplateGaps(filters.locale),
  ]);
  return { filters, ...overview, campaignGaps };
}

const pagePath = (type: string, id: number, locale: string) => `/staff/translations/${type}/${id}/${locale}`;

export default function TranslationsOverview() {
  const { t, i18n } = useTranslation("translations");
  const { filters, counts, missing, stale, campaignGaps } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const filterHref = (type: string, locale: string) => `/staff/translations?type=${type}&locale=${locale}`;
  return (
    <div className="stack">
      <PageHeader title={t("overview.title")} lead={t("overview.lead")} />
      <div className="table-wrap">
        <table>
          <caption>{t("overview.countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("overview.language")}</th>
              {CONTENT_TYPES.map((type) => (
                <th key={type} scope="col">
                  {t(`types.${type}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SUPPORTED_LOCALES.map((locale) => (
              <tr key={locale}>
                <th scope="row">{languageName(locale, lang)}</th>
                {CONTENT_TYPES.map((type) => {
                  const { missing: m, stale: s } = counts[locale][type];
                  return (
                    <td key={type}>
                      {m || s ? (
                        <Link to={filterHref(type, locale)}>{t("overview.cell", { missing: m, stale: s })}</Link>
                      ) : (
                        t("overview.complete")
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="get" className="filters">
        <FilterSelect
          name="type"
          label={t("overview.filterType")}
          value={filters.type}
          options={CONTENT_TYPES.map((type) => [type, t(`types.${type}`)] as const)}
          anyLabel={t("overview.any")}
        />
        <FilterSelect
          name="locale"
          label={t("overview.language")}
          value={filters.locale}
          options={SUPPORTED_LOCALES.map((locale) => [locale, languageName(locale, lang)] as const)}
          anyLabel={t("overview.any")}
        />
        <button type="submit" className="secondary">
          {t("overview.filter")}
        </button>
      </Form>
      <section aria-labelledby="missing-heading" className="stack">
        <h2 id="missing-heading">{t("overview.missingHeading", { count: missing.total })}</h2>
        {missing.rows.length === 0 ? (
          <p className="empty-state">{t("overview.noneMissing")}</p>
        ) : (
          <ul className="translation-list">
            {missing.rows.map((row) => (
              <li key={`${row.type}-${row.id}-${row.locale}`}>
                <span className="badge">{t(`typeOne.${row.type}`)}</span>{" "}
                <Link to={pagePath(row.type, row.id, row.locale)}>
                  {t("overview.translateInto", { label: row.label, language: languageName(row.locale, lang) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={missing.page} perPage={missing.perPage} total={missing.total} />
      </section>
      <section aria-labelledby="stale-heading" className="stack">
        <h2 id="stale-heading">{t("overview.staleHeading", { count: stale.length })}</h2>
        {stale.length === 0 ? (
          <p className="empty-state">{t("overview.noneStale")}</p>
        ) : (
          <ul className="translation-list">
            {stale.map((row) => (
              <li key={`${row.type}-${row.id}-${row.locale}`}>
                <span className="badge">{t(`typeOne.${row.type}`)}</span>{" "}
                <Link to={pagePath(row.type, row.id, row.locale)}>
                  {t("overview.updateIn", { label: row.label, language: languageName(row.locale, lang) })}
                </Link>{" "}
                <span className="muted">{t("stale", { date: formatDate(row.originalChangedAt ?? "", lang) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="campaigns-heading" className="stack">
        <h2 id="campaigns-heading">{t("overview.campaignsHeading", { count: campaignGaps.length })}</h2>
        <p className="hint">{t("overview.campaignsHint")}</p>
        {campaignGaps.length === 0 ? (
          <p className="empty-state">{t("overview.noneMissing")}</p>
        ) : (
          <ul className="translation-list">
            {campaignGaps.map((gap) => (
              <li key={`${gap.slug}-${gap.locale}`}>
                <Link to={`/campaigns/${gap.slug}/edit`}>
                  {t("overview.campaignTemplate", { title: gap.title, language: languageName(gap.locale, lang) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
