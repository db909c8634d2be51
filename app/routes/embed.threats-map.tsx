import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MapAttribution, SeverityLegend, useSeverityLabel, WorldMap } from "~/components/world-map";
import { loadConfig } from "~/config.server";
import { threatMapData } from "~/features/threats/map-data.server";
import { getLocale } from "~/i18n/i18next.server";
import mapStyles from "~/styles/map.css?url";

/** Framed on other sites: no header, no script, no cookie (see root.tsx and server/app.ts). */
export const handle = { titleKey: "map:title", embed: true };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapStyles }];

/** Public: the world map of open threats, for a member organisation's own site (`?lang=en|fr|es`). */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const { countries, rows } = await threatMapData(locale);
  return {
    countries,
    total: rows.reduce((n, r) => n + r.open, 0),
    countriesWithThreats: rows.length,
    appUrl: loadConfig().appUrl,
  };
}

export default function EmbeddedThreatMap() {
  const { countries, total, countriesWithThreats, appUrl } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["map", "threats"]);
  const countryLabel = useSeverityLabel();
  return (
    <main className="embed-map">
      <h1>{t("map:title")}</h1>
      <p>{t("map:embed.summaryLine", { count: total, countries: countriesWithThreats })}</p>
      <WorldMap
        countries={countries}
        titleId="embed-map-title"
        shading="severity"
        countryLabel={countryLabel}
        linkTarget="_blank"
      />
      <SeverityLegend />
      <p>
        <a href={`${appUrl}/threats/map`} target="_blank" rel="noopener">
          {t("map:embed.open")}
        </a>
      </p>
      <MapAttribution />
    </main>
  );
}
