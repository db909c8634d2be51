/** The last step of every sign-in: a fresh session, and the address remembered as the owner's. */
import { getSession } from "~/features/auth/guards.server";
import { rememberAddress } from "~/features/auth/login-throttle.server";
import { commitSessionCookie, createSession, invalidateSession } from "~/features/auth/session.server";

/** Ends any session the browser had and returns the Set-Cookie header of a new one. */
export async function completeSignIn(request: Request, userId: number, ip: string): Promise<string> {
  const previous = await getSession(request);
  if (previous) await invalidateSession(previous.sessionId);
  const { token, expiresAt } = await createSession(userId, new Date(), {
    userAgent: request.headers.get("User-Agent"),
    ip,
  });
  if (ip && ip !== "unknown") await rememberAddress(userId, ip);
  return commitSessionCookie(token, expiresAt);
}
