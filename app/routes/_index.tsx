import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Section } from "~/components/section-intro";

const SECTIONS: Section[] = ["threats", "coalition", "letters", "events", "chapters", "targets"];

export default function HomePage() {
  const { t } = useTranslation();
  return (
    <div>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
      </section>
      <ul className="grid" aria-label={t("nav.label")}>
        {SECTIONS.map((section) => (
          <li key={section} className="card">
            <h2>
              <Link to={`/${section}`}>{t(`nav.${section}`)}</Link>
            </h2>
            <p>{t(`sections.${section}`)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
