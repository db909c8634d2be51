import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { LETTERS_PER_PAGE, listLetters } from "~/features/letters/letter-page.server";
import { getLocale } from "~/i18n/i18next.server";
import { formatDate } from "~/lib/format";
import { parsePage } from "~/lib/paging";

export const handle = { titleKey: "nav.letters" };

/** Open letters: public ones for everyone; staff also see drafts and start new letters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getOptionalUser(request), getLocale(request)]);
  const staff = isStaff(user);
  const page = parsePage(new URL(request.url).searchParams);
  const letters = await listLetters({ includeDrafts: staff, locale, page });
  return { letters, page, perPage: LETTERS_PER_PAGE, staff };
}

export default function LettersPage() {
  const { t, i18n } = useTranslation(["letters", "common"]);
  const { letters, page, perPage, staff } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <div className="stack">
      <PageHeader title={t("common:nav.letters")} lead={t("index.lead")}>
        {staff ? (
          <p>
            <Link className="button" to="/letters/new">
              {t("index.new")}
            </Link>
          </p>
        ) : null}
      </PageHeader>
      {letters.rows.length ? (
        <ul className="threat-list">
          {letters.rows.map((letter) => (
            <li key={letter.slug} className="card threat-card">
              <h3>
                <Link to={`/letters/${letter.slug}`} lang={letter.language}>
                  {letter.title}
                </Link>
              </h3>
              <p className="badges">
                <span className={`badge letter-${letter.status}`}>{t(`status.${letter.status}`)}</span>
              </p>
              <p>
                {letter.goal
                  ? t("count.ofGoal", {
                      count: letter.confirmed,
                      confirmed: letter.confirmed.toLocaleString(lang),
                      goal: letter.goal.toLocaleString(lang),
                    })
                  : t("count.signatures", {
                      count: letter.confirmed,
                      confirmed: letter.confirmed.toLocaleString(lang),
                    })}
              </p>
              {letter.goal ? (
                <progress max={letter.goal} value={Math.min(letter.confirmed, letter.goal)} aria-hidden="true" />
              ) : null}
              <p className="muted">
                {letter.status === "delivered" && letter.delivered_on
                  ? t("dates.deliveredOn", { date: formatDate(letter.delivered_on, lang) })
                  : letter.closes_on
                    ? t("dates.closesOn", { date: formatDate(letter.closes_on, lang) })
                    : letter.opens_on
                      ? t("dates.opensOn", { date: formatDate(letter.opens_on, lang) })
                      : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("index.empty")}</p>
      )}
      <Pagination page={page} perPage={perPage} total={letters.total} />
    </div>
  );
}
