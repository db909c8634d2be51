import { SESSION_COOKIE_NAME } from "../app/features/auth/session.server";

const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE_NAME}=`);

/**
 * Whether a request carries a session cookie. Only the server layer asks this, to keep signed-in
 * pages out of the page cache and out of shared caches; whether the session is valid is the app's
 * business.
 */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  return !!cookieHeader && SESSION_COOKIE.test(cookieHeader);
}
