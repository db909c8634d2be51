import { data, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { useNonce } from "~/components/nonce";
import { getOptionalUser, getSession, isStaff } from "~/features/auth/guards.server";
import { hasChapterLog } from "~/features/auth/landing";
import { waitingTotal } from "~/features/staff-inbox/inbox.server";
import { commitSessionCookie } from "~/features/auth/session.server";
import { getLocale } from "~/i18n/i18next.server";
import { localeChunkUrls } from "~/i18n/locale-chunks.server";
import stylesUrl from "~/styles/app.css?url";
import responsiveStylesUrl from "~/styles/responsive.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "stylesheet", href: responsiveStylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** Keeps `Retry-After` on the 429 page that a thrown rate-limit response renders. */
export const headers: HeadersFunction = ({ errorHeaders, loaderHeaders }) => {
  const result = new Headers(loaderHeaders);
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, session] = await Promise.all([getLocale(request), getSession(request)]);
  const headers = new Headers();
  // Sliding expiry: when the server extended the session, extend the cookie too.
  if (session?.renewed) headers.append("Set-Cookie", await commitSessionCookie(session.token, session.expiresAt));
  // Only staff past their second factor see what waits; anonymous pages never run this.
  const viewer = session ? await getOptionalUser(request) : null;
  const waiting = isStaff(viewer) ? await waitingTotal() : null;
  const user = session
    ? {
        id: session.user.id,
        name: session.user.name,
        role: session.user.role,
        waiting,
        chapterLog: hasChapterLog(session.user),
      }
    : null;
  return data({ locale, localeChunks: localeChunkUrls(locale), user }, { headers });
}

export type RootLoaderData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** Routes name their page with `handle = { titleKey }` or, for records, a `pageTitle` in their data. */
function usePageTitle(): string {
  const { t } = useTranslation();
  const matches = useMatches();
  for (const match of [...matches].reverse()) {
    const pageTitle = (match.data as { pageTitle?: unknown } | undefined)?.pageTitle;
    if (typeof pageTitle === "string") return `${pageTitle} · ${t("app.name")}`;
    const key = (match.handle as { titleKey?: string } | undefined)?.titleKey;
    if (key) return `${t(key)} · ${t("app.name")}`;
  }
  return t("app.name");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRootData();
  const { i18n } = useTranslation();
  // A URL no route matches renders without the root loader: the render's own language then.
  const locale = rootData?.locale ?? i18n.language ?? "en";
  const title = usePageTitle();
  const nonce = useNonce();
  useChangeLanguage(locale);
  // A page made to be framed on other sites (handle.embed): the content alone, and no script.
  const embed = useMatches().some((m) => (m.handle as { embed?: boolean } | undefined)?.embed === true);
  if (embed) {
    return (
      <html lang={locale} dir={i18n.dir(locale)}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <Links />
        </head>
        <body className="embed">{children}</body>
      </html>
    );
  }
  return (
    <html lang={locale} dir={i18n.dir(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <Meta />
        <Links />
        {/* The page's language strings, fetched with the entry script rather than after it. */}
        {rootData?.localeChunks.map((href) => (
          <link key={href} rel="modulepreload" href={href} />
        ))}
      </head>
      <body>
        <SiteHeader user={rootData?.user ?? null} locale={locale} />
        <main id="main" className="container">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = [400, 403, 404, 405, 429].includes(status) ? status : 500;
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errors.${known}.title`)}</h1>
      <p>{t(`errors.${known}.body`)}</p>
      <p>
        <a href="/">{t("errors.home")}</a>
      </p>
    </section>
  );
}
