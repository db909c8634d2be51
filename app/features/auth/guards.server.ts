/**
 * The one place that decides who may do what. Every loader and action starts with one of these.
 * Failing a guard throws a Response: a redirect to sign in, or a 403 / 404 the error boundary shows.
 */
import { redirect } from "@remix-run/node";
import type { Role, User } from "~db/schema";
import { readSessionToken, validateSessionToken, type SessionWithUser } from "~/features/auth/session.server";
import { parseId } from "~/lib/ids";
import { noteRequestUser } from "~/features/security/request-context.server";
import { twoFactorRequired } from "~/features/auth/two-factor.server";
import { landingPath } from "~/features/auth/landing";

/** Pages a staff member who must still set up a second factor may reach. */
const ENROLMENT_PATHS = new Set(["/account/two-factor", "/logout"]);

export const STAFF_ROLES: readonly Role[] = ["admin", "staff"];
export const CHAPTER_ROLES: readonly Role[] = ["chapter_lead", "chapter_member"];

const cache = new WeakMap<Request, Promise<SessionWithUser | null>>();

/** The request's session, looked up once per request however many loaders ask. */
export function getSession(request: Request): Promise<SessionWithUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = readSessionToken(request)
      .then((token) => (token ? validateSessionToken(token) : null))
      .then((session) => {
        if (session) noteRequestUser(session.user.id);
        return session;
      });
    cache.set(request, pending);
  }
  return pending;
}

/** A staff session that has not set up its required second factor yet. */
const mustEnrol = (session: SessionWithUser) => !session.twoFactorEnabled && twoFactorRequired(session.user);

/**
 * The signed-in user, or null. A session that must still enrol a second factor counts as none:
 * pages that show more to staff must not show it before the second factor is set up.
 */
export async function getOptionalUser(request: Request): Promise<User | null> {
  const session = await getSession(request);
  return session && !mustEnrol(session) ? session.user : null;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const params = new URLSearchParams({ redirectTo });
  return redirect(`/login?${params.toString()}`);
}

export async function requireSession(request: Request): Promise<SessionWithUser> {
  const session = await getSession(request);
  if (!session) throw loginRedirect(request);
  // A session from before the requirement was switched on (or from an invitation): enrol first.
  if (mustEnrol(session)) {
    if (!ENROLMENT_PATHS.has(new URL(request.url).pathname)) throw redirect("/account/two-factor");
  }
  return session;
}

export async function requireUser(request: Request): Promise<User> {
  return (await requireSession(request)).user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<User> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export const requireStaff = (request: Request) => requireRole(request, STAFF_ROLES);
export const requireAdmin = (request: Request) => requireRole(request, ["admin"]);

/** Signed-in pages such as /login send people who are already signed in to where they land. */
export async function requireAnonymous(request: Request): Promise<void> {
  const session = await getSession(request);
  if (session) throw redirect(landingPath(session.user));
}

export function isStaff(user: Pick<User, "role"> | null): boolean {
  return !!user && STAFF_ROLES.includes(user.role);
}

/** Staff may touch any chapter; chapter roles only their own. */
export function canAccessChapter(user: User, chapterId: number): boolean {
  return isStaff(user) || (CHAPTER_ROLES.includes(user.role) && user.chapter_id === chapterId);
}

export function requireChapterAccess(user: User, chapterId: number): void {
  if (!canAccessChapter(user, chapterId)) throw forbidden();
}

/** Staff may touch any member organisation; a representative only their own. */
export function canAccessCoalitionMember(user: User, memberId: number): boolean {
  return isStaff(user) || (user.role === "coalition_member" && user.coalition_member_id === memberId);
}

export function requireCoalitionMemberAccess(user: User, memberId: number): void {
  if (!canAccessCoalitionMember(user, memberId)) throw forbidden();
}

/** Parses a positive integer route parameter or answers 404. */
export function requireIdParam(value: string | undefined): number {
  const id = parseId(value);
  if (id === null) throw notFound();
  return id;
}
