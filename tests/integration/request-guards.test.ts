/**
 * What the server refuses before the app reads a request: bodies larger than the route needs,
 * bodies that are not a form, writes whose Origin cannot be squared with the address they were
 * sent to, and redirect targets that are not valid header values. Never a 5xx, nothing written.
 */
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const logged: string[] = [];
beforeEach(() => {
  logged.length = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
});

/** A raw request, so that headers fetch would refuse or rewrite (Host, a claimed length) go out as they are. */
function raw(
  pathname: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: pathname, method: "POST", agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.end(body);
  });
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };
const sameOrigin = () => ({ Origin: server.url, ...form });

async function users() {
  return (await db.selectFrom("users").select(["id", "locale"]).orderBy("id").execute()).map(
    (u) => `${u.id}:${u.locale}`,
  );
}

describe("request size limits", () => {
  it("answers 413 with a page in the reader's language to a form larger than 1 MB, before reading it", async () => {
    const response = await raw(
      "/locale",
      { ...sameOrigin(), "Accept-Language": "fr", Accept: "text/html", "Content-Length": String(300 * 1024 * 1024) },
      "locale=fr&redirectTo=/",
    );
    expect(response.status).toBe(413);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    expect(response.text).toContain('lang="fr"');
    expect(response.text).toContain("1 Mo");
    expect(logged).toEqual([]);
  });

  it("accepts a form just under the limit and refuses one just over it", async () => {
    const client = new Client(server.url);
    const pad = (bytes: number) => `locale=fr&redirectTo=/&pad=${"a".repeat(bytes - 27)}`;
    const under = await client.request("/locale", { method: "POST", body: pad(1024 * 1024), headers: form });
    expect(under.status).toBe(302);
    const over = await client.request("/locale", { method: "POST", body: pad(1024 * 1024 + 1), headers: form });
    expect(over.status).toBe(413);
  });

  it("answers 411 to a body of unknown length", async () => {
    const url = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: "/locale", method: "POST", agent: false },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.setHeader("Origin", server.url);
      req.setHeader("Content-Type", "application/x-www-form-urlencoded");
      req.write("locale=fr");
      req.end();
    });
    expect(status).toBe(411);
  });

  it("lets CSV imports keep their larger limit, and the webhook its smaller one", async () => {
    const staff = new Client(server.url, "10.9.0.1");
    await staff.login(DEMO.staff);
    const big = new FormData();
    big.append("intent", "check");
    big.append("file", new File([`name,sector\n${"x".repeat(1_500_000)}`], "big.csv", { type: "text/csv" }));
    const upload = await staff.request("/coalition/import", { method: "POST", body: big });
    expect(upload.status).toBeLessThan(500);
    expect(upload.status).not.toBe(413);
    const webhook = await raw(
      "/webhooks/resend",
      { "Content-Type": "application/json", "Content-Length": String(300 * 1024) },
      "{}",
    );
    expect(webhook.status).toBe(413);
  });
});

describe("bodies that are not a form", () => {
  it.each([
    ["text/plain", "locale=fr"],
    ["application/json", '{"locale":"fr"}'],
    ["", "locale=fr"],
    ["multipart/form-data", "locale=fr"],
  ])("answers 415 to %j on a form route and changes nothing", async (type, body) => {
    const before = await users();
    const response = await raw("/login", { Origin: server.url, "Content-Type": type }, body);
    expect(response.status).toBe(415);
    expect(await users()).toEqual(before);
    expect(logged).toEqual([]);
  });

  it("answers a truncated multipart upload with a 4xx, not a 500", async () => {
    const staff = new Client(server.url, "10.9.0.2");
    await staff.login(DEMO.staff);
    const response = await raw(
      "/coalition/import",
      { Origin: server.url, Cookie: staff.cookieHeader(), "Content-Type": "multipart/form-data; boundary=XX" },
      '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname,sect',
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(logged).toEqual([]);
  });
});

describe("Origin and Host", () => {
  it.each([
    [
      "a foreign Origin with Sec-Fetch-Site: same-origin",
      { Origin: "https://evil.example", "Sec-Fetch-Site": "same-origin" },
    ],
    ["a malformed Origin with Sec-Fetch-Site: same-origin", { Origin: "::::", "Sec-Fetch-Site": "same-origin" }],
    ["Origin = APP_URL with another Host", { Origin: "APP_URL", Host: "other.example" }],
    ["Origin = APP_URL with another X-Forwarded-Host", { Origin: "APP_URL", "X-Forwarded-Host": "other.example" }],
  ])("answers 403 to %s", async (_label, headers: Record<string, string>) => {
    const before = await users();
    const response = await raw(
      "/login",
      { ...form, ...headers, Origin: headers.Origin === "APP_URL" ? server.url : headers.Origin },
      "email=staff%40example.org&password=x",
    );
    expect(response.status).toBe(403);
    expect(await users()).toEqual(before);
    expect(logged).toEqual([]);
  });
});

describe("redirect targets", () => {
  it.each([
    ["/threats\u0001x", "/"],
    ["/threats\u007f", "/"],
    ["/threats?q=€", "/threats?q=%E2%82%AC"],
    ["/menschenrechte/überwachung", "/menschenrechte/%C3%BCberwachung"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
  ])("redirects %j to %j, never a 500", async (redirectTo, location) => {
    const response = await new Client(server.url).post("/locale", { locale: "en", redirectTo });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(location);
    expect(logged).toEqual([]);
  });
});
