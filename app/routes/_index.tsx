import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Section } from "~/components/section-intro";
import {
  CampaignsSection,
  EventsSection,
  LettersSection,
  TargetsSection,
  ThreatsSection,
} from "~/features/home/home-sections";
import { getHomePage } from "~/features/home/home.server";
import { getLocale } from "~/i18n/i18next.server";

const SECTIONS: Section[] = ["threats", "coalition", "letters", "events", "chapters", "targets"];

export async function loader({ request }: LoaderFunctionArgs) {
  return getHomePage(await getLocale(request));
}

export default function HomePage() {
  const { t } = useTranslation();
  const home = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </section>
      <div className="home-grid">
        <LettersSection letters={home.letters} />
        <CampaignsSection campaigns={home.campaigns} />
        <ThreatsSection threats={home.threats} />
        <EventsSection edition={home.edition} events={home.events} />
        <TargetsSection year={home.year} targets={home.targets} />
      </div>
      <nav aria-label={t("home.explore")}>
        <h2>{t("home.explore")}</h2>
        <ul className="grid">
          {SECTIONS.map((section) => (
            <li key={section} className="card">
              <h3>
                <Link to={`/${section}`}>{t(`nav.${section}`)}</Link>
              </h3>
              <p>{t(`sections.${section}`)}</p>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
