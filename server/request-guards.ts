/**
 * What the server refuses before the app reads a request: bodies larger than the route needs,
 * bodies it cannot read as a form, and writes from another site or with inconsistent addresses.
 * Each refusal is a short page in the reader's language with the right status (403, 411, 413,
 * 415) and a warning in the log, never an error from deep inside the framework.
 */
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { i18n as I18n, TFunction } from "i18next";
import { createInstance } from "i18next";
import { isCrossSiteRequest, originMismatch } from "../app/features/security/csrf.server";
import { logger } from "../app/features/security/log.server";
import { i18nConfig } from "../app/i18n/config";
import { resources } from "../app/i18n/resources.server";

const KB = 1024;
const MB = 1024 * KB;

/** What one ordinary form may weigh: letters in several languages fit many times over. */
export const FORM_BODY_LIMIT = 1 * MB;

export interface BodyRule {
  /** Route paths (without the `.data` suffix single fetch adds). */
  paths: readonly string[];
  /** Or the paths this matches, for routes with an id in their path. */
  pattern?: RegExp;
  limit: number;
  /** Content types the route reads. */
  types: readonly string[];
  /** Servers post here (a provider's webhook), without Origin or cookies: the signature is the check. */
  fromServers?: boolean;
}

const FORM_TYPES = ["application/x-www-form-urlencoded"] as const;

export interface RequestGuardOptions {
  appUrl: string;
  /** Routes whose needs differ from an ordinary form's (uploads, webhooks). */
  rules: readonly BodyRule[];
  localeOf: (cookie: string, acceptLanguage: string) => Promise<string>;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function formatBytes(t: TFunction, locale: string, bytes: number): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return bytes >= MB
    ? t("errors.units.megabytes", { value: number.format(bytes / MB) })
    : t("errors.units.kilobytes", { value: number.format(bytes / KB) });
}

const instances = new Map<string, Promise<I18n>>();
function i18nFor(lng: string): Promise<I18n> {
  let pending = instances.get(lng);
  if (!pending) {
    const instance = createInstance();
    pending = instance
      .init({ ...i18nConfig, resources, lng, interpolation: { escapeValue: true } })
      .then(() => instance);
    instances.set(lng, pending);
  }
  return pending;
}

export function createRequestGuards(options: RequestGuardOptions) {
  const byPath = new Map<string, BodyRule>();
  for (const rule of options.rules) for (const path of rule.paths) byPath.set(path, rule);
  const patterns = options.rules.filter((rule) => rule.pattern);
  const ruleFor = (path: string): BodyRule | undefined => {
    const bare = path.replace(/\.data$/, "");
    return byPath.get(bare) ?? patterns.find((rule) => rule.pattern!.test(bare));
  };

  async function refuse(req: Request, res: Response, status: number, reason: string, limit = 0) {
    logger.warn({ msg: "request refused", status, reason, method: req.method, path: req.path });
    // The body is not read: close the connection rather than read what is left of it.
    res.setHeader("Connection", "close");
    res.setHeader("Cache-Control", "no-store");
    const key = status === 403 ? "crossSite" : String(status);
    let title = key;
    let body = "";
    let home = "/";
    try {
      const i18n = await i18nFor(
        await options.localeOf(req.headers.cookie ?? "", req.headers["accept-language"] ?? ""),
      );
      const t = i18n.getFixedT(i18n.language, "common");
      title = t(`errors.${key}.title`);
      body = t(`errors.${key}.body`, { limit: formatBytes(t, i18n.language, limit) });
      home = t("errors.home");
      res.status(status);
      if (!req.accepts("html")) {
        res.type("text/plain").send(`${title}\n${body}\n`);
        return;
      }
      res
        .type("html")
        .send(
          `<!doctype html><html lang="${i18n.language}"><head><meta charset="utf-8">` +
            `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>` +
            `<link rel="stylesheet" href="/refused.css"></head>` +
            `<body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${home}</a></p></main></body></html>`,
        );
    } catch (error) {
      logger.warn({ msg: "refusal page failed", error: String(error) });
      if (!res.headersSent) res.status(status).type("text/plain").send(`${status}\n`);
    }
  }

  function guard(req: Request, res: Response, next: NextFunction) {
    const rule = ruleFor(req.path);
    const length = req.headers["content-length"];
    const hasBody = length !== undefined ? length !== "0" : req.headers["transfer-encoding"] !== undefined;
    if (hasBody) {
      // Browsers say how large a form is; a body of unknown size could be endless.
      if (length === undefined) return void refuse(req, res, 411, "no content-length");
      const limit = rule?.limit ?? FORM_BODY_LIMIT;
      if (!/^\d{1,15}$/.test(length) || Number(length) > limit)
        return void refuse(req, res, 413, "body too large", limit);
    }
    if (READ_METHODS.has(req.method)) return next();

    // Remix compares Origin with the Host (or X-Forwarded-Host) itself, and throws when they
    // differ: refuse such a request first, as the cross-site request it looks like.
    const mismatch = originMismatch(req.headers);
    if (mismatch) return void refuse(req, res, 403, mismatch);
    if (!rule?.fromServers && isCrossSiteRequest(req.method, req.headers, options.appUrl))
      return void refuse(req, res, 403, "cross-site");

    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    const accepted = rule?.types ?? FORM_TYPES;
    if (!accepted.includes(type)) return void refuse(req, res, 415, `content-type ${type || "missing"}`);
    if (type === "multipart/form-data" && !/boundary=/i.test(String(req.headers["content-type"])))
      return void refuse(req, res, 415, "multipart without boundary");
    next();
  }

  return { guard };
}

/** The client address as a keyed hash, for logs that must not hold personal data. */
export function clientHash(ip: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(ip).digest("base64url").slice(0, 12);
}
