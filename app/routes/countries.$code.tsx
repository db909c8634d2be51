import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, notFound, requireUser } from "~/features/auth/guards.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { getCountryPage, getJurisdiction } from "~/features/threats/countries.server";
import { StatementList } from "~/features/threats/detail-parts";
import { follow, isFollowing, unfollow } from "~/features/threats/follows.server";
import { ThreatCard } from "~/features/threats/threat-card";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = (params.code ?? "").toUpperCase();
  if (params.code !== code) throw redirect(`/countries/${code}`, 301);
  const [country, user] = await Promise.all([getCountryPage(code), getOptionalUser(request)]);
  if (!country) throw notFound();
  return {
    pageTitle: country.jurisdiction.name_en,
    ...country,
    signedIn: !!user,
    following: user ? await isFollowing(user.id, { jurisdiction: code }) : false,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const jurisdiction = await getJurisdiction((params.code ?? "").toUpperCase());
  if (!jurisdiction) throw notFound();
  const intent = (await request.formData()).get("intent");
  if (intent === "follow") await follow(user.id, { jurisdiction: jurisdiction.code });
  else if (intent === "unfollow") await unfollow(user.id, { jurisdiction: jurisdiction.code });
  else return new Response("Unknown intent", { status: 400 });
  return redirect(`/countries/${jurisdiction.code}`);
}

export default function CountryPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { jurisdiction, threats, statements, chapters, counts, signedIn, following } = useLoaderData<typeof loader>();
  const name = jurisdictionName(jurisdiction, i18n.language);
  return (
    <div className="stack">
      <p className="muted">
        <Link to="/threats/map">{t("country.back")}</Link>
      </p>
      <PageHeader title={name} lead={t("country.lead", { count: counts.open, open: counts.open, total: counts.total })}>
        {signedIn ? (
          <Form method="post">
            <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
            <button type="submit" className="secondary button-small">
              {following ? t("country.unfollow") : t("country.follow")}
            </button>
          </Form>
        ) : null}
      </PageHeader>
      <section aria-labelledby="country-threats">
        <h2 id="country-threats">{t("country.threats")}</h2>
        {threats.length === 0 ? (
          <p className="empty-state">{t("country.noThreats")}</p>
        ) : (
          <ul className="threat-list">
            {threats.map((threat) => (
              <ThreatCard key={threat.id} threat={{ ...threat, jurisdiction_code: jurisdiction.code }} />
            ))}
          </ul>
        )}
        {counts.total > threats.length ? (
          <p>
            <Link to={`/threats?jurisdiction=${jurisdiction.code}`}>
              {t("country.allThreats", { count: counts.total })}
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="country-statements">
        <h2 id="country-statements">{t("detail.statements")}</h2>
        <StatementList statements={statements} showThreat />
      </section>
      <section aria-labelledby="country-chapters">
        <h2 id="country-chapters">{t("common:nav.chapters")}</h2>
        {chapters.length === 0 ? (
          <p className="empty-state">{t("country.noChapters")}</p>
        ) : (
          <ul>
            {chapters.map((c) => (
              <li key={c.id}>
                {c.name} · {t(`common:chapters.kind.${c.kind}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
