/** The home page's sections: each a few rows, a link to the whole list, and an empty state. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { langIfOther } from "~/features/translations/content-language";
import { formatDate } from "~/lib/format";
import type { getHomePage } from "~/features/home/home.server";

type Home = Awaited<ReturnType<typeof getHomePage>>;

function Section({
  id,
  title,
  more,
  children,
}: {
  id: string;
  title: string;
  more: { to: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <section className="card stack home-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <p>
        <Link to={more.to}>{more.label}</Link>
      </p>
    </section>
  );
}

export function LettersSection({ letters }: { letters: Home["letters"] }) {
  const { t, i18n } = useTranslation(["common", "letters"]);
  const lang = i18n.language;
  return (
    <Section id="home-letters" title={t("home.letters")} more={{ to: "/letters", label: t("home.allLetters") }}>
      {letters.length === 0 ? (
        <p className="empty-state">{t("home.noLetters")}</p>
      ) : (
        <ul className="plain-list stack">
          {letters.map((letter) => (
            <li key={letter.slug}>
              <Link to={`/letters/${letter.slug}`} lang={letter.language}>
                {letter.title}
              </Link>
              <p className="muted">
                {letter.goal
                  ? t("letters:count.ofGoal", {
                      count: letter.confirmed,
                      confirmed: letter.confirmed.toLocaleString(lang),
                      goal: letter.goal.toLocaleString(lang),
                    })
                  : t("letters:count.signatures", {
                      count: letter.confirmed,
                      confirmed: letter.confirmed.toLocaleString(lang),
                    })}
              </p>
              {letter.goal ? (
                <progress max={letter.goal} value={Math.min(letter.confirmed, letter.goal)} aria-hidden="true" />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function CampaignsSection({ campaigns }: { campaigns: Home["campaigns"] }) {
  const { t } = useTranslation();
  return (
    <Section id="home-campaigns" title={t("home.campaigns")} more={{ to: "/campaigns", label: t("home.allCampaigns") }}>
      {campaigns.length === 0 ? (
        <p className="empty-state">{t("home.noCampaigns")}</p>
      ) : (
        <ul className="plain-list stack">
          {campaigns.map((c) => (
            <li key={c.slug}>
              <Link to={`/campaigns/${c.slug}`}>{c.title}</Link>
              <p className="muted">
                {c.threat} · {c.jurisdiction}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function ThreatsSection({ threats }: { threats: Home["threats"] }) {
  const { t, i18n } = useTranslation(["common", "threats"]);
  return (
    <Section id="home-threats" title={t("home.threats")} more={{ to: "/threats", label: t("home.allThreats") }}>
      {threats.length === 0 ? (
        <p className="empty-state">{t("home.noThreats")}</p>
      ) : (
        <ul className="plain-list stack">
          {threats.map((threat) => (
            <li key={threat.slug}>
              <Link to={`/threats/${threat.slug}`}>{threat.title}</Link>
              <p className="muted">
                {threat.jurisdictionName}
                {" · "}
                {threat.stage ? t(`threats:classification.${threat.stage}`) : t("home.noStage")}
                {" · "}
                {t("home.changedOn", { date: formatDate(threat.updatedAt, i18n.language) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function EventsSection({ edition, events }: { edition: Home["edition"]; events: Home["events"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section
      id="home-events"
      title={edition ? t("home.eventsOf", { year: edition.year }) : t("home.events")}
      more={{ to: "/events", label: t("home.allEvents") }}
    >
      {edition ? <p>{t("home.editionDay", { date: formatDate(edition.day, i18n.language) })}</p> : null}
      {events.length === 0 ? (
        <p className="empty-state">{edition ? t("home.noEventsYet") : t("home.noEdition")}</p>
      ) : (
        <ul className="plain-list stack">
          {events.map((event) => (
            <li key={event.slug}>
              <Link to={`/events/${event.slug}`} lang={langIfOther(event.lang, i18n.language)}>
                {event.title}
              </Link>
              <p className="muted">
                {event.when} · {event.online ? t("home.online") : event.place}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function TargetsSection({ year, targets }: { year: number; targets: Home["targets"] }) {
  const { t } = useTranslation(["common", "targets"]);
  return (
    <Section
      id="home-targets"
      title={t("home.targets", { year })}
      more={{ to: "/targets", label: t("home.allTargets") }}
    >
      {targets.total === 0 ? (
        <p className="empty-state">{t("home.noTargets", { year })}</p>
      ) : (
        <>
          <p>{t("home.targetsSummary", { met: targets.met, onTrack: targets.onTrack, total: targets.total })}</p>
          <ul className="plain-list stack">
            {targets.shown.map((target) => (
              <li key={target.id}>
                <Link to={`/targets/${target.id}`}>{target.title}</Link>{" "}
                <span className="muted">{t(`targets:status.${target.status}`)}</span>
                <progress
                  max={100}
                  value={Math.round(target.progress * 100)}
                  aria-label={t("home.targetProgress", {
                    title: target.title,
                    percent: Math.round(target.progress * 100),
                  })}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
