/**
 * Fuzzing every action below the form layer: wrong or missing content types, raw bytes,
 * truncated multipart bodies, and Origin / Host / Sec-Fetch-Site headers that do not agree. For
 * every route with an action: never a 5xx, nothing logged as an error, nothing written.
 * `FUZZ_RUNS` sets the cases per route (default 8 here), `FUZZ_SEED` the seed.
 */
import http from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Client, DEMO, startTestServer, type TestServer } from "../../support/app-server";
import { runs } from "./arbitraries";
import { FUZZ } from "./entries";
import { fingerprint } from "./fingerprint";
import { WEBHOOK_SECRET } from "./send";
import { createObjects } from "./setup";

const RUNS = runs(8);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

let server: TestServer;
let params: Record<string, string>;
let staffCookie = "";
const tally: Record<string, number> = {};

beforeAll(async () => {
  process.env.RATE_LIMIT_MULTIPLIER = "10000";
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  server = await startTestServer();
  params = await createObjects(server.url);
  const staff = new Client(server.url, "10.79.0.1");
  await staff.login(DEMO.admin);
  staffCookie = staff.cookieHeader();
});
afterAll(async () => {
  await server.close();
  delete process.env.RESEND_WEBHOOK_SECRET;
  delete process.env.RATE_LIMIT_MULTIPLIER;
  console.log(`raw-body fuzz: ${Object.values(tally).reduce((a, b) => a + b, 0)} cases, ${JSON.stringify(tally)}`);
});

const logged: string[] = [];
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
});

const CONTENT_TYPES = [
  "",
  "text/plain",
  "application/json",
  "application/octet-stream",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-16",
  "multipart/form-data",
  "multipart/form-data; boundary=XX",
  "multipart/form-data; boundary=",
  "text/html; charset=\u00ff",
];

const bodyArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: "binary", maxLength: 500 }).map((text) => Buffer.from(text, "utf8")),
  // A multipart body cut off in the middle of a part.
  fc
    .tuple(fc.string({ maxLength: 40 }), fc.nat({ max: 80 }))
    .map(([value, cut]) =>
      Buffer.from(
        `--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${value}\r\n--XX--\r\n`.slice(
          0,
          cut,
        ),
      ),
    ),
  fc.constant(Buffer.from('{"email":"a@b.c","password":"x"}')),
);

const headerArbitrary = fc.record({
  type: fc.constantFrom(...CONTENT_TYPES),
  // Mostly the page's own origin, so that most cases get past the origin check to the body.
  origin: fc.oneof(
    { arbitrary: fc.constant("self"), weight: 6 },
    fc.constantFrom("none", "null", "https://evil.example", "::::", "http://[::1", "self-other-host"),
  ),
  fetchSite: fc.oneof(
    { arbitrary: fc.constantFrom(undefined, "same-origin"), weight: 6 },
    fc.constantFrom("cross-site", "none", "\u00e9"),
  ),
  signedIn: fc.boolean(),
});

/** Sent raw: fetch would refuse some of these headers or fix up the body's framing. */
function post(
  pathname: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: pathname, method: "POST", agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
    req.end(body);
  });
}

const fill = (path: string) => path.replace(/:(\w+)/g, (_m, key: string) => params[key]);

describe("fuzzing every action with raw bodies and odd headers", () => {
  for (const [routeId, entry] of Object.entries(FUZZ).filter(([, e]) => !e.ownSession && !e.last)) {
    it(`${routeId}: never a 5xx, nothing logged, nothing written`, async () => {
      const path = fill(entry.path);
      let ip = 0;
      await fc.assert(
        fc.asyncProperty(headerArbitrary, bodyArbitrary, async (drawn, body) => {
          logged.length = 0;
          const headers: Record<string, string> = { "X-Forwarded-For": `10.80.${ip >> 8}.${ip++ & 255}` };
          if (drawn.type) headers["Content-Type"] = drawn.type;
          if (drawn.origin === "self") headers.Origin = server.url;
          else if (drawn.origin === "self-other-host")
            Object.assign(headers, { Origin: server.url, Host: "other.example" });
          else if (drawn.origin !== "none") headers.Origin = drawn.origin;
          if (drawn.fetchSite) headers["Sec-Fetch-Site"] = drawn.fetchSite;
          if (drawn.signedIn) headers.Cookie = staffCookie;
          const before = await fingerprint();
          const response = await post(path, headers, body);
          tally[response.status] = (tally[response.status] ?? 0) + 1;
          if (process.env.FUZZ_VERBOSE)
            console.log(JSON.stringify(drawn), response.status, response.text.slice(0, 200));
          expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
          expect(logged.join("\n"), "errors logged by the server").toBe("");
          if (response.status >= 400) expect(await fingerprint(), `written on a ${response.status}`).toEqual(before);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }, 60_000);
  }
});
