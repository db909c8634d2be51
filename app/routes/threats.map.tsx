import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { MapAttribution, SeverityLegend, WorldMap, type MapCountry } from "~/components/world-map";
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { openThreatCounts } from "~/features/threats/queries.server";
import { getLocale } from "~/i18n/i18next.server";
import mapStyles from "~/styles/map.css?url";

export const handle = { titleKey: "map:title" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: mapStyles },
  { rel: "alternate", type: "application/atom+xml", href: "/feeds/threats.atom" },
];

/** Public: open threats per jurisdiction and their highest severity, for the map and the table beside it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const [counts, jurisdictions] = await Promise.all([openThreatCounts(), listJurisdictions()]);
  const open = new Map(counts.map((row) => [row.code, row]));
  const countries: Record<string, MapCountry> = {};
  for (const jurisdiction of jurisdictions) {
    countries[jurisdiction.code] = {
      name: jurisdictionName(jurisdiction, locale),
      open: open.get(jurisdiction.code)?.open ?? 0,
      highest: open.get(jurisdiction.code)?.highest ?? null,
    };
  }
  const collator = new Intl.Collator(locale);
  const rows = counts
    .map((row) => ({ code: row.code, name: jurisdictionName(row, locale), open: row.open, highest: row.highest }))
    .filter((row) => row.open > 0)
    .sort((a, b) => b.open - a.open || collator.compare(a.name, b.name));
  return { countries, rows };
}

export default function ThreatMapPage() {
  const { countries, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["map", "threats"]);
  const countryLabel = (country: MapCountry) =>
    country.highest
      ? t("map:countryLabelSeverity", {
          country: country.name,
          count: country.open,
          severity: t(`threats:severity.${country.highest}`),
        })
      : t("map:countryLabel", { country: country.name, count: country.open });
  return (
    <>
      <PageHeader title={t("map:title")} lead={t("map:lead")} />
      <div className="map-layout map-layout-table-first">
        <section className="map-figure" aria-labelledby="map-heading">
          <h2 id="map-heading" className="visually-hidden">
            {t("map:mapHeading")}
          </h2>
          <a className="map-skip" href="#map-table-heading">
            {t("map:skipToTable")}
          </a>
          <WorldMap countries={countries} titleId="world-map-title" shading="severity" countryLabel={countryLabel} />
          <SeverityLegend />
          <MapAttribution />
        </section>
        <section className="map-table" aria-labelledby="map-table-heading">
          <h2 id="map-table-heading" tabIndex={-1}>
            {t("map:tableHeading")}
          </h2>
          {rows.length === 0 ? (
            <p className="empty-state">{t("map:empty")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("map:tableCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("map:columns.country")}</th>
                    <th scope="col" className="numeric">
                      {t("map:columns.open")}
                    </th>
                    <th scope="col">{t("map:columns.highest")}</th>
                    <th scope="col">{t("map:columns.page")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">{row.name}</th>
                      <td className="numeric">{row.open}</td>
                      <td>
                        {row.highest ? (
                          <span className={`map-swatch map-severity-${row.highest}`} aria-hidden="true" />
                        ) : null}{" "}
                        {row.highest ? t(`threats:severity.${row.highest}`) : "—"}
                      </td>
                      <td>
                        <a href={`/countries/${row.code}`}>{t("map:viewCountry", { country: row.name })}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="hint">{t("map:noShapes")}</p>
          <p>
            <a href="/threats">{t("map:allThreats")}</a>
          </p>
        </section>
      </div>
    </>
  );
}
