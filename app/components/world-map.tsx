import { useTranslation } from "react-i18next";
import { SEVERITIES, type Severity } from "~/lib/vocabularies";
import shapeIds from "~/assets/world-map-shapes.json";
import shapesUrl from "~/assets/world-map.svg?url";

/**
 * The shapes are one static file (scripts/world-map.ts), cached by the browser and sent
 * pre-compressed; the page only points at each shape by id, so a map page weighs a few kB of
 * markup, on the server and after a client-side navigation alike.
 */
const VIEW_BOX = "0 0 1010 666";

/** Discrete shading classes by number of open threats; the last one is open-ended. */
export const MAP_CLASSES = [
  { min: 0, max: 0 },
  { min: 1, max: 1 },
  { min: 2, max: 3 },
  { min: 4, max: 6 },
  { min: 7, max: Infinity },
] as const;

export function mapClass(open: number): number {
  const index = MAP_CLASSES.findIndex((c) => open >= c.min && open <= c.max);
  return index === -1 ? 0 : index;
}

export interface MapCountry {
  /** Localised name. */
  name: string;
  open: number;
  /** The highest severity among its open threats, when the map is shaded by severity. */
  highest?: Severity | null;
}

/** How a map is shaded: by a count in discrete classes, or by the highest severity. */
export type MapShading = "count" | "severity";

/** The severity levels a country can be shaded in, lightest first. */
export const SEVERITY_SHADES = ["none", ...SEVERITIES] as const;

export function shadeClass(country: MapCountry, shading: MapShading): string {
  return shading === "severity" ? `map-severity-${country.highest ?? "none"}` : `map-class-${mapClass(country.open)}`;
}

type Countries = Record<string, MapCountry>;
type Label = (country: MapCountry) => string;

/** Each country's label on a map shaded by severity: its open threats and the highest severity. */
export function useSeverityLabel(): Label {
  const { t } = useTranslation(["map", "threats"]);
  return (country) =>
    country.highest
      ? t("map:countryLabelSeverity", {
          country: country.name,
          count: country.open,
          severity: t(`threats:severity.${country.highest}`),
        })
      : t("map:countryLabel", { country: country.name, count: country.open });
}

/**
 * The world, each country shaded by its number of open threats and linking to its page. Styled
 * with classes only (the CSP has no inline styles). `countries` is keyed by upper-case ISO code;
 * shapes without a jurisdiction are drawn but neither linked nor announced.
 */
export function WorldMap({
  countries,
  titleId,
  title,
  countryLabel,
  shading = "count",
  linkTarget,
}: {
  countries: Countries;
  /** Where the countries' links open (`_blank` in a page framed on another site). */
  linkTarget?: "_blank";
  shading?: MapShading;
  titleId: string;
  /** What the map shows, and each country's label, when it counts something else than open threats. */
  title?: string;
  countryLabel?: Label;
}) {
  const { t } = useTranslation("map");
  const label: Label =
    countryLabel ?? ((country) => t("map:countryLabel", { country: country.name, count: country.open }));
  return (
    <svg
      className="world-map"
      viewBox={VIEW_BOX}
      role="group"
      aria-labelledby={titleId}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{title ?? t("map:svgTitle")}</title>
      {shapeIds.map((id) => {
        const code = id.toUpperCase();
        const country = countries[code];
        const href = `${shapesUrl}#${id}`;
        if (!country) return <use key={id} href={href} className="map-country map-unknown" aria-hidden="true" />;
        const name = label(country);
        return (
          <a
            key={id}
            href={`/countries/${code}`}
            aria-label={name}
            target={linkTarget}
            rel={linkTarget ? "noopener" : undefined}
          >
            <title>{name}</title>
            <use href={href} className={`map-country ${shadeClass(country, shading)}`} />
          </a>
        );
      })}
    </svg>
  );
}

/** What each shade means, with the same classes as the map. */
export function MapLegend({ title }: { title?: string } = {}) {
  const { t } = useTranslation("map");
  return (
    <div className="map-legend">
      <p className="map-legend-title" id="map-legend-title">
        {title ?? t("map:legend.title")}
      </p>
      <ul aria-labelledby="map-legend-title">
        {MAP_CLASSES.map((range, index) => (
          <li key={index}>
            <span className={`map-swatch map-class-${index}`} aria-hidden="true" />
            {range.min === 0
              ? t("map:legend.none")
              : range.max === Infinity
                ? t("map:legend.atLeast", { min: range.min })
                : range.min === range.max
                  ? t("map:legend.exactly", { count: range.min })
                  : t("map:legend.range", { min: range.min, max: range.max })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What each severity shade means; the words carry the meaning, the colour only repeats it. */
export function SeverityLegend() {
  const { t } = useTranslation(["map", "threats"]);
  return (
    <div className="map-legend">
      <p className="map-legend-title" id="map-legend-title">
        {t("map:severityLegend.title")}
      </p>
      <ul aria-labelledby="map-legend-title">
        {SEVERITY_SHADES.map((level) => (
          <li key={level}>
            <span className={`map-swatch map-severity-${level}`} aria-hidden="true" />
            {level === "none" ? t("map:severityLegend.none") : t(`threats:severity.${level}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function MapAttribution() {
  const { t } = useTranslation("map");
  return (
    <p className="map-attribution muted">
      {t("map:attribution.text")}{" "}
      <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/world" rel="noreferrer">
        {t("map:attribution.source")}
      </a>
      {", "}
      <a href="https://creativecommons.org/licenses/by/4.0/" rel="license noreferrer">
        {t("map:attribution.licence")}
      </a>
      .
    </p>
  );
}
