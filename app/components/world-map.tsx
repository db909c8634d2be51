import world from "@svg-maps/world";
import { escapeHtml } from "~/lib/html";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The shape of @svg-maps/world (its own type declarations point at a package that is not shipped). */
interface MapData {
  viewBox: string;
  locations: ReadonlyArray<{ id: string; name: string; path: string }>;
}

/**
 * The shapes weigh 1.2 MB. The server draws them into the page; the browser keeps that markup
 * as it is when it hydrates, so the shapes stay out of the page's JavaScript. Only a client-side
 * navigation to the map, which has no server markup, loads them (as a separate chunk).
 */
const SERVER_SHAPES: MapData | null = import.meta.env.SSR ? (world as unknown as MapData) : null;
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
}

type Countries = Record<string, MapCountry>;
type Label = (country: MapCountry) => string;

/** The same drawing as `<Shapes>`, as markup for the server to send. */
function shapesMarkup(shapes: MapData, countries: Countries, label: Label): string {
  return shapes.locations
    .map((location) => {
      const code = location.id.toUpperCase();
      const country = countries[code];
      const d = escapeHtml(location.path);
      if (!country) return `<path d="${d}" class="map-country map-unknown" aria-hidden="true"></path>`;
      const name = escapeHtml(label(country));
      return (
        `<a href="/countries/${escapeHtml(code)}" aria-label="${name}"><title>${name}</title>` +
        `<path d="${d}" class="map-country map-class-${mapClass(country.open)}"></path></a>`
      );
    })
    .join("");
}

function Shapes({ shapes, countries, label }: { shapes: MapData; countries: Countries; label: Label }) {
  return (
    <>
      {shapes.locations.map((location) => {
        const code = location.id.toUpperCase();
        const country = countries[code];
        if (!country) {
          return <path key={location.id} d={location.path} className="map-country map-unknown" aria-hidden="true" />;
        }
        const name = label(country);
        return (
          <a key={location.id} href={`/countries/${code}`} aria-label={name}>
            <title>{name}</title>
            <path d={location.path} className={`map-country map-class-${mapClass(country.open)}`} />
          </a>
        );
      })}
    </>
  );
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
}: {
  countries: Countries;
  titleId: string;
  /** What the map shows, and each country's label, when it counts something else than open threats. */
  title?: string;
  countryLabel?: Label;
}) {
  const { t } = useTranslation("map");
  const label: Label =
    countryLabel ?? ((country) => t("map:countryLabel", { country: country.name, count: country.open }));
  const drawn = useRef<SVGGElement>(null);
  const [clientShapes, setClientShapes] = useState<MapData | null>(null);
  useEffect(() => {
    if (drawn.current && drawn.current.childElementCount > 0) return;
    let live = true;
    void import("@svg-maps/world").then((module) => {
      if (live) setClientShapes(module.default as unknown as MapData);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <svg
      className="world-map"
      viewBox={VIEW_BOX}
      role="group"
      aria-labelledby={titleId}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={titleId}>{title ?? t("map:svgTitle")}</title>
      {clientShapes ? (
        <g key="client">
          <Shapes shapes={clientShapes} countries={countries} label={label} />
        </g>
      ) : (
        <g
          key="server"
          ref={drawn}
          // Server: the drawing. Browser: empty, which hydration leaves alone (see SERVER_SHAPES).
          dangerouslySetInnerHTML={{ __html: SERVER_SHAPES ? shapesMarkup(SERVER_SHAPES, countries, label) : "" }}
          suppressHydrationWarning
        />
      )}
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
