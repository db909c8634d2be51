import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { loadConfig } from "../../app/config.server";
import { createApp } from "../../server/app";
import { ROOT, TEST_PASSWORD } from "./paths";

export interface TestServer {
  url: string;
  build: ServerBuild;
  close(): Promise<void>;
}

/** The real production server (Express, headers, CSRF, the built Remix app) on a free port. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const build = (await import(pathToFileURL(path.join(ROOT, "build/server/index.js")).href)) as ServerBuild;
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = createApp({
      config: { ...loadConfig({ PAGE_CACHE_TTL_MS: "0", ...process.env, ...env }), trustProxy: true },
      build,
    }).listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.APP_URL = url;
  return {
    url,
    build,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser-like client: keeps cookies, sends Origin on writes, never follows redirects. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly baseUrl: string,
    private readonly ip = "203.0.113.10",
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    if (!headers.has("X-Forwarded-For")) headers.set("X-Forwarded-For", this.ip);
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && !headers.has("Origin")) headers.set("Origin", this.baseUrl);
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  get(pathname: string, headers?: Record<string, string>): Promise<Response> {
    return this.request(pathname, { headers });
  }

  post(pathname: string, form: Record<string, string>, headers?: Record<string, string>): Promise<Response> {
    return this.request(pathname, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    });
  }

  async login(email: string, password = TEST_PASSWORD): Promise<Response> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302) throw new Error(`login as ${email} failed with ${response.status}`);
    return response;
  }
}

export const DEMO = {
  admin: "admin@example.org",
  staff: "staff@example.org",
  chapter_lead: "lead@example.org",
  chapter_member: "chapter@example.org",
  coalition_member: "member@example.org",
} as const;
