import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "~db/schema";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { StaffBadge } from "~/components/staff-badge";

interface HeaderUser {
  id: number;
  name: string;
  role: Role;
  /** Items waiting in the staff review queues; null for everyone else. */
  waiting?: number | null;
  /** Chapter people with a chapter: the header links to their log. */
  chapterLog?: boolean;
}

const SECTIONS = ["threats", "coalition", "letters", "campaigns", "events", "chapters", "targets"] as const;

export function SiteHeader({ user, locale }: { user: HeaderUser | null; locale: string }) {
  const { t } = useTranslation();
  const staff = user?.role === "admin" || user?.role === "staff";
  const menu = useRef<HTMLDetailsElement>(null);
  const { pathname, search } = useLocation();
  // A client-side navigation keeps the header mounted: close the menu as a page load would.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname, search]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="container header-row">
        <a href="/" className="brand">
          <span aria-hidden="true" className="brand-mark">
            ⬡
          </span>{" "}
          {t("app.name")}
        </a>
        {/* A disclosure on narrow screens (no script needed); on wide ones its content is always
            shown and the summary hidden (app.css, `.site-menu`). */}
        <details className="site-menu" ref={menu}>
          <summary className="button secondary">{t("nav.menu")}</summary>
          <div className="site-menu-content">
            <nav aria-label={t("nav.label")} className="main-nav">
              <ul>
                {SECTIONS.map((section) => (
                  <li key={section}>
                    <NavLink to={`/${section}`}>{t(`nav.${section}`)}</NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="header-tools">
              <LanguageSwitcher locale={locale} />
              {user ? (
                <>
                  {staff ? (
                    <NavLink to="/staff">
                      <StaffBadge waiting={user.waiting ?? 0} />
                    </NavLink>
                  ) : null}
                  {user.chapterLog ? (
                    <NavLink to="/actions" end>
                      {t("nav.myLog")}
                    </NavLink>
                  ) : null}
                  <NavLink to="/account">{t("nav.account")}</NavLink>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </>
              ) : (
                <NavLink to="/login">{t("nav.login")}</NavLink>
              )}
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}

/** A plain form so that switching language works without JavaScript. */
export function LanguageSwitcher({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/locale" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <label htmlFor="language-select" className="visually-hidden">
        {t("language.label")}
      </label>
      <select id="language-select" name="locale" defaultValue={locale}>
        {SUPPORTED_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="button-small">
        {t("language.switch")}
      </button>
    </Form>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.mission")}</p>
        <p>
          <a href="/reports">{t("footer.reports")}</a> · <a href="/api">{t("footer.api")}</a>
        </p>
        <p className="muted">{t("footer.privacy")}</p>
      </div>
    </footer>
  );
}

export function PageHeader({
  title,
  lead,
  titleLang,
  children,
}: {
  title: string;
  lead?: string;
  /** The title's language, when it is not the page's (content not yet translated). */
  titleLang?: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="page-header">
      <h1 lang={titleLang}>{title}</h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}
