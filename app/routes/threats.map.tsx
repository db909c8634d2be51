import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { MapAttribution, SeverityLegend, useSeverityLabel, WorldMap } from "~/components/world-map";
import { loadConfig } from "~/config.server";
import { threatMapData } from "~/features/threats/map-data.server";
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
  return { ...(await threatMapData(locale)), embedUrl: `${loadConfig().appUrl}/embed/threats-map?lang=${locale}` };
}

export default function ThreatMapPage() {
  const { countries, rows, embedUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["map", "threats"]);
  const countryLabel = useSeverityLabel();
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
          <details className="embed-snippet">
            <summary>{t("map:embed.summary")}</summary>
            <p className="hint" id="embed-hint">
              {t("map:embed.hint")}
            </p>
            <label htmlFor="embed-code">{t("map:embed.label")}</label>
            <textarea
              id="embed-code"
              readOnly
              rows={4}
              aria-describedby="embed-hint"
              value={`<iframe src="${embedUrl}" title="${t("map:embed.frameTitle")}" width="100%" height="560" loading="lazy" style="border:0"></iframe>`}
            />
          </details>
        </section>
      </div>
    </>
  );
}
