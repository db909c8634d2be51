import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useRootData } from "~/root";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { getOptionalUser, isStaff, notFound } from "~/features/auth/guards.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { getLetterPage, letterUrl } from "~/features/letters/letter-page.server";
import { SignatureForm } from "~/features/letters/signature-form";
import { FallbackNote, langIfOther } from "~/features/translations/content-language";
import { getLocale } from "~/i18n/i18next.server";
import { formatDate } from "~/lib/format";
import { parsePage } from "~/lib/paging";

export const handle = { titleKey: "nav.letters" };

/** The public letter: its text, the count toward the goal, counts by country and who signed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const [user, locale] = await Promise.all([getOptionalUser(request), getLocale(request)]);
  const staff = isStaff(user);
  const version = Number(search.get("version"));
  const page = await getLetterPage(params.slug ?? "", locale, parsePage(search), {
    // Drafts do not exist for anyone but staff.
    includeDrafts: staff,
    version: Number.isInteger(version) && version > 0 ? version : null,
    language: search.get("lang"),
    organisationOf: user?.role === "coalition_member" ? user.coalition_member_id : null,
  });
  if (!page) throw notFound();
  return { pageTitle: page.text.title, ...page, staff, shareUrl: letterUrl(page.letter.slug) };
}

function Count({ confirmed, goal }: { confirmed: number; goal: number | null }) {
  const { t, i18n } = useTranslation("letters");
  const lang = i18n.language;
  const args = { count: confirmed, confirmed: confirmed.toLocaleString(lang) };
  return (
    <section className="card" aria-labelledby="count-heading">
      <h2 id="count-heading">{t("detail.countHeading")}</h2>
      <p className="stats" role="status">
        {goal ? t("count.ofGoal", { ...args, goal: goal.toLocaleString(lang) }) : t("count.signatures", args)}
      </p>
      {goal ? (
        <progress
          max={goal}
          value={Math.min(confirmed, goal)}
          aria-label={t("count.progress", { percent: Math.floor((Math.min(confirmed, goal) / goal) * 100) })}
        >
          {t("count.progress", { percent: Math.floor((Math.min(confirmed, goal) / goal) * 100) })}
        </progress>
      ) : null}
    </section>
  );
}

export default function LetterPage() {
  const root = useRootData();
  const { t, i18n } = useTranslation(["letters", "common"]);
  const {
    letter,
    version,
    text,
    languages,
    information,
    untranslated,
    versions,
    counts,
    signatories,
    threats,
    staff,
    organisationSignedAt,
    shareUrl,
  } = useLoaderData<typeof loader>();
  const { t: tr } = useTranslation("translations");
  const lang = i18n.language;
  const older = version !== letter.current_version;
  const versionQuery = older ? `version=${version}&` : "";
  return (
    <article>
      <p className="muted">
        <Link to="/letters">{t("detail.back")}</Link>
      </p>
      <p className="badges">
        <span className={`badge letter-${letter.status}`}>{t(`status.${letter.status}`)}</span>{" "}
        <span className="badge">{t("detail.version", { n: version })}</span>
      </p>
      <h1 lang={text.language}>{text.title}</h1>
      {staff ? (
        <p className="inline-form">
          <Link to={`/letters/${letter.slug}/edit`}>{t("detail.edit")}</Link>
          <Link to={`/letters/${letter.slug}/manage`}>{t("detail.manage")}</Link>
        </p>
      ) : null}
      {older ? (
        <p className="alert alert-info">
          {t("detail.olderVersion", { n: version, current: letter.current_version })}{" "}
          <Link to={`/letters/${letter.slug}`}>{t("detail.readCurrent")}</Link>
        </p>
      ) : null}
      {languages.length > 1 ? (
        <nav aria-label={t("detail.languages")} className="inline-form">
          {languages.map((l) =>
            l === text.language ? (
              <strong key={l} lang={l}>
                {t(`language.${l}`)}
              </strong>
            ) : (
              <Link key={l} lang={l} to={`/letters/${letter.slug}?${versionQuery}lang=${l}`}>
                {t(`language.${l}`)}
              </Link>
            ),
          )}
        </nav>
      ) : null}
      {/* One grid, in the order a phone shows it: the text, signing and the details, who signed; wide
          screens put signing and the details beside the text (responsive.css, .letter-layout). */}
      <div className="letter-layout">
        <div className="letter-text stack">
          {/* Rendered from Markdown and sanitised on the server (lib/markdown.server.ts). */}
          <div className="prose" lang={text.language} dangerouslySetInnerHTML={{ __html: text.body_html }} />
          <FallbackNote lang={text.language} fallback={untranslated} />
          {information ? (
            <section className="letter-information card stack" aria-labelledby="letter-information">
              <h2 id="letter-information">{tr("forInformation")}</h2>
              <p className="hint">{tr("forInformationHint")}</p>
              <h3 lang={langIfOther(information.lang, lang)}>{information.title}</h3>
              {/* Rendered from Markdown and sanitised on the server (lib/markdown.server.ts). */}
              <div
                className="prose"
                lang={langIfOther(information.lang, lang)}
                dangerouslySetInnerHTML={{ __html: information.body_html }}
              />
            </section>
          ) : null}
          {letter.status === "delivered" && letter.delivered_on ? (
            <p className="alert alert-success">
              {t("detail.delivered", { date: formatDate(letter.delivered_on, lang), to: letter.delivered_to ?? "" })}
            </p>
          ) : null}
        </div>
        <aside className="letter-aside stack">
          <Count confirmed={counts.confirmed} goal={letter.goal} />
          <SignatureForm
            letter={{ slug: letter.slug, status: letter.status }}
            isRepresentative={root?.user?.role === "coalition_member"}
            organisationSignedAt={organisationSignedAt}
            share={{ url: shareUrl, title: text.title }}
          />
          <dl className="meta">
            {letter.opens_on ? (
              <>
                <dt>{t("fields.opensOn")}</dt>
                <dd>{formatDate(letter.opens_on, lang)}</dd>
              </>
            ) : null}
            {letter.closes_on ? (
              <>
                <dt>{t("fields.closesOn")}</dt>
                <dd>{formatDate(letter.closes_on, lang)}</dd>
              </>
            ) : null}
            <dt>{t("detail.organisations")}</dt>
            <dd>{counts.organisations.toLocaleString(lang)}</dd>
            <dt>{t("detail.individuals")}</dt>
            <dd>{counts.individuals.toLocaleString(lang)}</dd>
          </dl>
          {counts.byJurisdiction.length ? (
            <section aria-labelledby="countries-heading">
              <h2 id="countries-heading">{t("detail.byCountry")}</h2>
              <div className="table-wrap">
                <table className="compact">
                  <thead>
                    <tr>
                      <th scope="col">{t("detail.country")}</th>
                      <th scope="col">{t("detail.signatures")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {counts.byJurisdiction.map((row) => (
                      <tr key={row.code}>
                        <th scope="row">{jurisdictionName(row, lang)}</th>
                        <td>{row.count.toLocaleString(lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
          {threats.length ? (
            <section aria-labelledby="threats-heading">
              <h2 id="threats-heading">{t("detail.threats")}</h2>
              <ul>
                {threats.map((threat) => (
                  <li key={threat.slug}>
                    <Link to={`/threats/${threat.slug}`}>{threat.short_name ?? threat.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t("detail.versions")}</h2>
            <p className="hint">{t("detail.versionsHint")}</p>
            <ul>
              {[...versions].reverse().map((v) => (
                <li key={v.version}>
                  {v.version === version ? (
                    <strong>{t("detail.version", { n: v.version })}</strong>
                  ) : (
                    <Link
                      to={
                        v.version === letter.current_version
                          ? `/letters/${letter.slug}`
                          : `/letters/${letter.slug}?version=${v.version}`
                      }
                    >
                      {t("detail.version", { n: v.version })}
                    </Link>
                  )}{" "}
                  · {formatDate(v.created_at, lang)}
                  {v.version === letter.current_version ? ` · ${t("detail.current")}` : null}
                </li>
              ))}
            </ul>
          </section>
        </aside>
        <section className="letter-signatories" aria-labelledby="signatories-heading">
          <h2 id="signatories-heading">{t("detail.signatories")}</h2>
          {signatories.rows.length ? (
            <>
              <p className="hint">{t("detail.signatoriesHint")}</p>
              <ol className="signatories" start={(signatories.page - 1) * signatories.perPage + 1}>
                {signatories.rows.map((s) => (
                  <li key={s.id}>
                    <strong>{s.name}</strong>
                    {s.kind === "organisation" ? ` · ${t("kind.organisation")}` : null}
                    {s.affiliation ? ` · ${s.affiliation}` : null}
                    {s.jurisdiction_name_en && s.jurisdiction_name_fr
                      ? ` · ${jurisdictionName({ code: s.jurisdiction_code, name_en: s.jurisdiction_name_en, name_fr: s.jurisdiction_name_fr }, lang)}`
                      : null}
                  </li>
                ))}
              </ol>
              <Pagination page={signatories.page} perPage={signatories.perPage} total={signatories.total} />
            </>
          ) : (
            <p className="empty-state">{t("detail.noSignatories")}</p>
          )}
        </section>
      </div>
    </article>
  );
}
