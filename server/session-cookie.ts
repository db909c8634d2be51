/**
 * Whether a request carries a session cookie (in production it has the `__Host-` prefix). Only
 * the server layer asks this, to keep signed-in pages out of the page cache and out of shared
 * caches; whether the session is valid is the app's business.
 */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?hub_session=/;

export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return !!cookieHeader && SESSION_COOKIE.test(cookieHeader);
}
