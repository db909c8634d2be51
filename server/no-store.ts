import type { NextFunction, Request, Response } from "express";
import { hasSessionCookie } from "./session-cookie";

/** Query parameters that carry a secret (mailed confirmation, reset and invitation links). */
const SECRET_PARAMS = /[?&](token|code)=/;
/** The half-signed-in state between the password and the second factor (its page shows a secret). */
const PENDING_SIGN_IN = /(?:^|;\s*)(?:__Host-)?hub_pending=/;

/**
 * Signed-in pages, pages opened from a mailed link, and answers that set a cookie hold personal
 * data or secrets: no browser or shared cache may keep them (ASVS V8 / V14 no-store). Static
 * assets carry no cookie-dependent content and keep their own caching.
 */
export function noStoreForPersonalPages(req: Request, res: Response, next: NextFunction) {
  if (req.path.startsWith("/assets/")) return next();
  const cookie = req.headers.cookie;
  const personal =
    hasSessionCookie(cookie) || (!!cookie && PENDING_SIGN_IN.test(cookie)) || SECRET_PARAMS.test(req.originalUrl);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    if (personal || res.getHeader("set-cookie")) res.setHeader("Cache-Control", "no-store");
    return writeHead(...args);
  }) as Response["writeHead"];
  next();
}
