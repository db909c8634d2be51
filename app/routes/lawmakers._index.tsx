import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { isStale, staleBefore } from "~/features/lawmakers/constants";
import {
  lawmakerCounts,
  listJurisdictionBodies,
  listLawmakers,
  listParties,
} from "~/features/lawmakers/lawmakers.server";
import { parseFiltersLeniently } from "~/features/lawmakers/forms";
import { LawmakerTable } from "~/features/lawmakers/table";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "lawmakers:title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = parseFiltersLeniently(new URL(request.url).searchParams);
  const now = new Date();
  const [list, counts, pairs, parties, jurisdictions] = await Promise.all([
    listLawmakers(filters, now),
    lawmakerCounts(now),
    listJurisdictionBodies(),
    listParties(),
    getLocale(request).then(jurisdictionOptions),
  ]);
  const present = new Set(pairs.map((pair) => pair.jurisdiction));
  return {
    filters,
    total: list.total,
    page: list.page,
    perPage: list.perPage,
    rows: list.rows.map((row) => ({ ...row, stale: isStale(row.verified_on, now) })),
    counts,
    staleBefore: staleBefore(now),
    jurisdictions: jurisdictions.filter((j) => present.has(j.value)),
    bodies: [...new Set(pairs.map((pair) => pair.body))].sort(),
    parties,
  };
}

export default function LawmakersPage() {
  const { t, i18n } = useTranslation(["lawmakers", "common"]);
  const data = useLoaderData<typeof loader>();
  const { filters, counts } = data;
  const number = (n: number) => n.toLocaleString(i18n.language);
  return (
    <div className="stack">
      <PageHeader title={t("title")} lead={t("directory.lead")}>
        <p className="inline-form">
          <Link className="button" to="/lawmakers/import">
            {t("directory.import")}
          </Link>
          <a href="/api/v1/lawmakers">{t("directory.api")}</a>
        </p>
      </PageHeader>
      <div className="stats">
        <p>
          <strong>{number(counts.total)}</strong> {t("directory.countAll")}
        </p>
        <p>
          <Link to="/lawmakers?stale=1">
            <strong>{number(counts.stale)}</strong> {t("directory.countStale")}
          </Link>
        </p>
        <p>
          <Link to="/lawmakers?contact_form_only=1">
            <strong>{number(counts.contactFormOnly)}</strong> {t("directory.countFormOnly")}
          </Link>
        </p>
        <p>
          <Link to="/lawmakers?needs_contact=1">
            <strong>{number(counts.needsContact)}</strong> {t("directory.countNeedsContact")}
          </Link>
        </p>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("directory.filters")}>
        <div className="field">
          <label htmlFor="lawmaker-q">{t("directory.search")}</label>
          <input id="lawmaker-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={200} />
        </div>
        <FilterSelect
          anyLabel={t("directory.any")}
          name="jurisdiction"
          label={t("directory.jurisdiction")}
          value={filters.jurisdiction}
          options={data.jurisdictions.map((j) => [j.value, j.label])}
        />
        <FilterSelect
          anyLabel={t("directory.any")}
          name="body"
          label={t("directory.body")}
          value={filters.body}
          options={data.bodies.map((body) => [body, body])}
        />
        <div className="field">
          <label htmlFor="lawmaker-division">{t("directory.division")}</label>
          <input
            id="lawmaker-division"
            name="ocd_division_prefix"
            type="text"
            defaultValue={filters.ocd_division_prefix ?? ""}
            maxLength={300}
            aria-describedby="lawmaker-division-hint"
          />
          <p className="hint" id="lawmaker-division-hint">
            {t("directory.divisionHint")}
          </p>
        </div>
        <FilterSelect
          anyLabel={t("directory.any")}
          name="party"
          label={t("directory.party")}
          value={filters.party}
          options={data.parties.map((party) => [party, party])}
        />
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" name="stale" value="1" defaultChecked={filters.stale === "1"} />{" "}
            {t("directory.staleOnly")}
          </label>
          <label>
            <input
              type="checkbox"
              name="contact_form_only"
              value="1"
              defaultChecked={filters.contact_form_only === "1"}
            />{" "}
            {t("directory.formOnly")}
          </label>
          <label>
            <input type="checkbox" name="needs_contact" value="1" defaultChecked={filters.needs_contact === "1"} />{" "}
            {t("directory.needsContact")}
          </label>
        </div>
        <button type="submit">{t("common:actions.filter")}</button>
        <Link to="/lawmakers">{t("directory.clear")}</Link>
      </Form>
      <p role="status">{t("directory.count", { count: data.total, formatted: number(data.total) })}</p>
      <p className="hint" id="stale-explained">
        {t("directory.staleExplained", { date: data.staleBefore })}
      </p>
      <p className="hint" id="no-contact-explained">
        {t("directory.noContactExplained")}
      </p>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("directory.none")}</p>
      ) : (
        <LawmakerTable rows={data.rows} />
      )}
      <Pagination page={data.page} perPage={data.perPage} total={data.total} />
    </div>
  );
}
