import { intlTag } from "~/i18n/config";
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { langIfOther } from "~/features/translations/content-language";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { TableScroll } from "~/components/table-scroll";
import { MapAttribution, MapLegend, WorldMap, type MapCountry } from "~/components/world-map";
import { EVENT_KINDS, ONLINE_FILTERS, PUBLIC_PER_PAGE } from "~/features/events/constants";
import {
  defaultEdition,
  isEditionPast,
  isEventPast,
  nextEdition,
  previousEdition,
} from "~/features/events/edition-days";
import { listEditions } from "~/features/events/editions.server";
import { eventCountsByJurisdiction, listApprovedEvents } from "~/features/events/public.server";
import { editionTotals } from "~/features/events/report.server";
import { describeWhen } from "~/features/events/time.server";
import { parseEventFilters } from "~/features/events/filters";
import { jurisdictionOptions, listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { getLocale } from "~/i18n/i18next.server";
import { parsePage } from "~/lib/paging";
import eventStyles from "~/styles/events.css?url";
import mapStyles from "~/styles/map.css?url";

export const handle = { titleKey: "events:title" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: mapStyles },
  { rel: "stylesheet", href: eventStyles },
  { rel: "alternate", type: "text/calendar", href: "/events.ics" },
];

/**
 * Public: an edition's approved events, filtered, on a map, with totals. By default the next
 * edition (else the latest that took place), with the previous edition's figures beside it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const locale = await getLocale(request);
  const now = new Date();
  const editions = await listEditions();
  const asked = Number(url.searchParams.get("edition"));
  const edition = editions.find((e) => e.year === asked) ?? defaultEdition(editions, now) ?? null;
  const next = nextEdition(editions, now) ?? null;
  const previous = previousEdition(editions, now) ?? null;
  const filters = parseEventFilters(url.searchParams);
  const page = parsePage(url.searchParams);
  const [jurisdictions, options] = await Promise.all([listJurisdictions(), jurisdictionOptions(locale)]);
  if (!edition)
    return {
      editions,
      edition: null,
      past: false,
      next: null,
      previousReport: null,
      filters,
      options,
      page,
      list: null,
      totals: null,
      countries: {},
      mapRows: [],
    };
  const past = isEditionPast(edition, now);
  // Beside a coming edition, what the one before it reached (its full figures are its own page).
  const showPrevious = !past && previous !== null && previous.id !== edition.id;
  const [list, totals, counts, previousTotals] = await Promise.all([
    listApprovedEvents(edition.id, filters, page, undefined, locale),
    editionTotals(edition.id),
    eventCountsByJurisdiction(edition.id),
    showPrevious ? editionTotals(previous.id) : null,
  ]);
  const byCode = new Map(counts.map((c) => [c.code, c.events]));
  const countries: Record<string, MapCountry> = {};
  for (const j of jurisdictions)
    countries[j.code] = { name: jurisdictionName(j, locale), open: byCode.get(j.code) ?? 0 };
  const mapRows = counts
    .map((c) => ({ code: c.code, name: countries[c.code]?.name ?? c.code, events: c.events }))
    .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name, locale));
  return {
    editions,
    edition,
    past,
    next: past && next ? { year: next.year, day: next.day } : null,
    previousReport:
      previous && previousTotals
        ? {
            year: previous.year,
            events: previousTotals.events,
            countries: previousTotals.countries,
            reach: previousTotals.reach,
            reported: previousTotals.reported,
          }
        : null,
    filters,
    options,
    page,
    list: {
      total: list.total,
      rows: list.rows.map((row) => ({
        ...row,
        country: countries[row.jurisdiction_code]?.name ?? row.jurisdiction_code,
        when: describeWhen(row, locale),
        past: isEventPast(row, edition, now),
      })),
    },
    totals,
    countries,
    mapRows,
  };
}

export default function EventsPage() {
  const { t, i18n } = useTranslation(["events", "common"]);
  const { editions, edition, past, next, previousReport, filters, options, page, list, totals, countries, mapRows } =
    useLoaderData<typeof loader>();
  const tag = intlTag(i18n.language);
  const number = (n: number) => n.toLocaleString(tag);
  const longDay = (day: string) =>
    new Date(`${day}T12:00:00Z`).toLocaleDateString(tag, { dateStyle: "long", timeZone: "UTC" });
  if (!edition || !list || !totals) {
    return (
      <div className="stack">
        <PageHeader title={t("title")} lead={t("list.lead")} />
        <p className="empty-state">{t("list.noEditions")}</p>
      </div>
    );
  }
  const filtered = Boolean(filters.kind || filters.jurisdiction || filters.online);
  return (
    <div className="stack">
      <PageHeader
        title={t("list.editionTitle", { year: edition.year })}
        lead={edition.theme ? t("list.leadTheme", { theme: edition.theme }) : t("list.lead")}
      >
        <p className="muted">{t("list.day", { day: longDay(edition.day) })}</p>
        {past ? (
          <p className="alert alert-info" data-testid="edition-past">
            {t("year.pastNotice", { year: edition.year })}{" "}
            {next ? (
              <Link to={`/events?edition=${next.year}`}>
                {t("year.nextLink", { year: next.year, day: longDay(next.day) })}
              </Link>
            ) : (
              t("year.noNext")
            )}
          </p>
        ) : null}
        <p>
          <a href={`/events/${edition.year}.ics`}>{t("list.calendarEdition", { year: edition.year })}</a> ·{" "}
          <a href="/events.ics">{t("list.calendarAll")}</a> · <Link to="/events/new">{t("list.submit")}</Link>
        </p>
      </PageHeader>
      <Form method="get" className="filters" aria-label={t("list.filters")}>
        <FilterSelect
          anyLabel={null}
          name="edition"
          label={t("fields.edition")}
          value={edition.year}
          options={editions.map((e) => [String(e.year), String(e.year)])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="kind"
          label={t("fields.kind")}
          value={filters.kind}
          options={EVENT_KINDS.map((k) => [k, t(`kind.${k}`)])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="jurisdiction"
          label={t("fields.jurisdiction")}
          value={filters.jurisdiction}
          options={options.map((o) => [o.value, o.label])}
        />
        <FilterSelect
          anyLabel={t("list.any")}
          name="online"
          label={t("fields.online")}
          value={filters.online}
          options={ONLINE_FILTERS.map((o) => [o, t(`list.online.${o}`)])}
        />
        <button type="submit">{t("list.apply")}</button>
      </Form>

      {previousReport ? (
        <section aria-labelledby="previous-heading" className="card">
          <h2 id="previous-heading">{t("year.previousHeading", { year: previousReport.year })}</h2>
          <div className="stats">
            <p>
              <strong>{number(previousReport.events)}</strong> {t("totals.events", { count: previousReport.events })}
            </p>
            <p>
              <strong>{number(previousReport.countries)}</strong>{" "}
              {t("totals.countries", { count: previousReport.countries })}
            </p>
            <p>
              <strong>{number(previousReport.reach)}</strong> {t("year.reached")}
            </p>
          </div>
          <p>
            <Link to={`/events?edition=${previousReport.year}`}>
              {t("year.previousLink", { year: previousReport.year })}
            </Link>
          </p>
        </section>
      ) : null}
      {totals.events > 0 ? (
        <>
          <section aria-labelledby="totals-heading">
            <h2 id="totals-heading">{t("totals.heading", { year: edition.year })}</h2>
            <div className="stats">
              <p>
                <strong>{number(totals.events)}</strong> {t("totals.events", { count: totals.events })}
              </p>
              <p>
                <strong>{number(totals.countries)}</strong> {t("totals.countries", { count: totals.countries })}
              </p>
              <p>
                <strong>{number(totals.reach)}</strong> {t("totals.reach")}
              </p>
              <p>
                <strong>{number(totals.expected)}</strong> {t("totals.expected")}
              </p>
            </div>
            <p className="hint">{t("totals.reportedOf", { reported: totals.reported, count: totals.events })}</p>
            {totals.byKind.length > 0 ? (
              <TableScroll label={t("totals.byKindCaption")}>
                <table>
                  <caption>{t("totals.byKindCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("fields.kind")}</th>
                      <th scope="col" className="numeric">
                        {t("totals.eventsColumn")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("fields.attendance")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("fields.onlineViews")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("fields.mediaReach")}
                      </th>
                      <th scope="col" className="numeric">
                        {t("totals.reachColumn")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {totals.byKind.map((k) => (
                      <tr key={k.kind}>
                        <th scope="row">{t(`kind.${k.kind}`)}</th>
                        <td className="numeric">{number(k.events)}</td>
                        <td className="numeric">{number(k.attendance)}</td>
                        <td className="numeric">{number(k.online_views)}</td>
                        <td className="numeric">{number(k.media_reach)}</td>
                        <td className="numeric">{number(k.reach)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
          </section>

          <section aria-labelledby="map-heading" className="map-layout">
            <div className="map-figure">
              <h2 id="map-heading">{t("map.heading")}</h2>
              <a className="map-skip" href="#map-table-heading">
                {t("map.skip")}
              </a>
              <WorldMap
                countries={countries}
                titleId="events-map-title"
                title={t("map.title", { year: edition.year })}
                countryLabel={(country) => t("map.countryLabel", { country: country.name, count: country.open })}
              />
              <MapLegend title={t("map.legend")} />
              <MapAttribution />
            </div>
            <div className="map-table">
              <h3 id="map-table-heading" tabIndex={-1}>
                {t("map.tableHeading")}
              </h3>
              {mapRows.length === 0 ? (
                <p className="empty-state">{t("list.empty")}</p>
              ) : (
                <ul>
                  {mapRows.map((row) => (
                    <li key={row.code}>
                      <Link to={`/events?edition=${edition.year}&jurisdiction=${row.code}`}>{row.name}</Link>:{" "}
                      {t("map.count", { count: row.events })}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>
        </>
      ) : null}
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t("list.heading")}</h2>
        {list.rows.length === 0 ? (
          <p className="empty-state">{filtered ? t("list.noMatch") : t("list.empty")}</p>
        ) : (
          <ul className="event-list">
            {list.rows.map((row) => (
              <li key={row.id} className="card">
                <h3>
                  <Link to={`/events/${row.slug}`} lang={langIfOther(row.title_lang, i18n.language)}>
                    {row.title}
                  </Link>
                  {row.past ? <span className="badge badge-past">{t("year.past")}</span> : null}
                </h3>
                <p className="muted">
                  {t(`kind.${row.kind}`)} · {row.organiser_name} · {[row.city, row.country].filter(Boolean).join(", ")}
                  {row.online ? ` · ${t("detail.online")}` : ""}
                </p>
                <p>
                  {row.when.date}, {row.when.time} <span className="muted">({row.when.zoneName})</span>
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pagination page={page} perPage={PUBLIC_PER_PAGE} total={list.total} />
      </section>
    </div>
  );
}
