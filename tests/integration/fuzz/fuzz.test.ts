/**
 * Fuzzing every form action: random, huge, unicode, control-character, markup and SQL-looking
 * values, missing, duplicated and unknown fields, wrong intents. For every route with an action:
 * never a 5xx; a refusal (4xx) writes nothing; no answer echoes the injected markup unescaped.
 * `FUZZ_RUNS` sets the cases per route (default 12), `FUZZ_SEED` the seed; `FUZZ_VERBOSE=1` prints
 * the statuses seen per route.
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Client, DEMO, startTestServer, type TestServer } from "../../support/app-server";
import { EVERYONE, type Who } from "../route-matrix/expectations";
import { formArbitrary, MARKERS, runs, type FormShape } from "./arbitraries";
import { FUZZ, type FuzzEntry } from "./entries";
import { fingerprint } from "./fingerprint";
import { readForms } from "./forms";
import { send, WEBHOOK_SECRET } from "./send";
import { createObjects } from "./setup";

const RUNS = runs(12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

let server: TestServer;
let params: Record<string, string>;
const clients = new Map<Who, Client>();
const tally = new Map<string, Record<string, number>>();

beforeAll(async () => {
  // Hundreds of posts a minute from one account or address: lift the limits for this suite only.
  process.env.RATE_LIMIT_MULTIPLIER = "10000";
  process.env.RESEND_WEBHOOK_SECRET = WEBHOOK_SECRET;
  server = await startTestServer();
  params = await createObjects(server.url);
  let ip = 1;
  for (const who of EVERYONE) {
    const client = new Client(server.url, `10.77.1.${ip++}`);
    if (who !== "anonymous") await client.login(DEMO[who]);
    clients.set(who, client);
  }
});
afterAll(async () => {
  await server.close();
  delete process.env.RESEND_WEBHOOK_SECRET;
  delete process.env.RATE_LIMIT_MULTIPLIER;
  const count = (key: (status: string) => boolean) =>
    [...tally.values()].reduce(
      (sum, t) => sum + Object.entries(t).reduce((a, [status, n]) => a + (key(status) ? n : 0), 0),
      0,
    );
  const cases = count((status) => status !== "resent");
  const resent = count((status) => status === "resent");
  console.log(
    `fuzz: ${tally.size} routes, ${cases} cases, ${RUNS} a route, seed ${SEED}, ${resent} resent after a reset`,
  );
  if (process.env.FUZZ_VERBOSE)
    for (const [route, statuses] of tally) console.log(`  ${route} ${JSON.stringify(statuses)}`);
});

// The server runs in this process: what it logs as an error is collected and fails the case that
// caused it (instead of the shared setup's throwing, which would turn it into a 500 of its own).
const logged: string[] = [];
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(
      args
        .map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a)))
        .join(" ")
        .slice(0, 600),
    );
  });
});

/** A failing case, readable: long values cut short. */
const brief = (pairs: Array<[string, string]>) =>
  JSON.stringify(pairs.map(([n, v]) => [n, v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v]));

/**
 * When an action answers without reading a large body (a guard refuses first), the server closes
 * that keep-alive connection and the next request sent on it is reset before it reaches the app.
 * That request is sent again, once, and counted.
 */
async function sendOnce(
  client: Client,
  path: string,
  entry: FuzzEntry,
  pairs: Array<[string, string]>,
  statuses: Record<string, number>,
): Promise<Response> {
  try {
    return await send(client, path, entry, pairs);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    if (!cause.includes("ECONNRESET")) throw error;
    statuses.resent = (statuses.resent ?? 0) + 1;
    return send(client, path, entry, pairs);
  }
}

const fill = (path: string) => path.replace(/:(\w+)/g, (_m, key: string) => params[key]);

// Anonymous posts come from a fresh address each time, as public forms are limited per address.
let visits = 0;
const anonymous = () => new Client(server.url, `10.78.${Math.floor(visits / 250)}.${(visits++ % 250) + 1}`);

const unescaped = (html: string) => MARKERS.filter((marker) => html.includes(marker));

async function shapeOf(entry: FuzzEntry, client: Client, path: string): Promise<FormShape> {
  const shape: FormShape = { fields: new Map(), intents: [...(entry.intents ?? [])] };
  for (const name of entry.fields ?? []) shape.fields.set(name, [...(entry.values?.[name] ?? [])]);
  if (entry.send !== "webhook") readForms(await (await client.get(path)).text(), path, shape);
  return shape;
}

async function fuzz(routeId: string, entry: FuzzEntry): Promise<void> {
  const path = fill(entry.path);
  let own: Client | undefined;
  if (entry.ownSession) {
    own = new Client(server.url, "10.77.2.1");
    if (entry.as !== "anonymous") await own.login(DEMO[entry.as]);
  }
  const client = () => own ?? (entry.as === "anonymous" ? anonymous() : clients.get(entry.as)!);
  const shape = await shapeOf(entry, client(), path);
  if (!entry.fields) expect(shape.fields.size + shape.intents.length, `${routeId}: no form found`).toBeGreaterThan(0);
  const statuses: Record<string, number> = {};
  tally.set(routeId, statuses);

  const outcome = await fc.check(
    fc.asyncProperty(formArbitrary(shape), async (pairs) => {
      logged.length = 0;
      const before = await fingerprint();
      const response = await sendOnce(client(), path, entry, pairs, statuses);
      const body = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      expect(logged.join("\n"), "errors logged by the server").toBe("");
      const page = /<main[^>]*>([\s\S]*?)<\/main>/.exec(body)?.[1] ?? body;
      expect(response.status, page.replace(/<[^>]+>/g, " ").slice(0, 300)).toBeLessThan(500);
      expect(unescaped(body), "markup echoed unescaped").toEqual([]);
      if (response.status >= 400) expect(await fingerprint(), `written on a ${response.status}`).toEqual(before);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  if (outcome.failed) {
    const thrown = outcome.errorInstance;
    const error =
      thrown instanceof Error
        ? `${thrown.message}${thrown.cause instanceof Error ? ` (${thrown.cause.message})` : ""}`
        : String(outcome.error);
    throw new Error(
      `${routeId} failed (seed ${outcome.seed}, path "${outcome.counterexamplePath}"):\n` +
        `${brief(outcome.counterexample?.[0] ?? [])}\n${error.slice(0, 2000)}`,
    );
  }

  // What was accepted and stored comes back escaped on the route's own page.
  if (entry.send !== "webhook") expect(unescaped(await (await client().get(path)).text())).toEqual([]);
}

const ordered = Object.entries(FUZZ).sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));

describe("fuzzing every form action", () => {
  it("has an entry for every route with an action", () => {
    const withAction = Object.entries(server.build.routes)
      .filter(([, route]) => route.module.action)
      .map(([id]) => id);
    expect(withAction.filter((id) => !(id in FUZZ))).toEqual([]);
    expect(Object.keys(FUZZ).filter((id) => !withAction.includes(id))).toEqual([]);
  });

  for (const [routeId, entry] of ordered) {
    it(
      `${routeId}: never a 5xx, a refusal writes nothing, output escaped`,
      () => fuzz(routeId, entry),
      30_000 + RUNS * 4_000,
    );
  }

  it("pages that list what the fuzzing stored show it escaped", async () => {
    const pages = [
      "/",
      "/threats",
      "/coalition",
      "/letters",
      "/events",
      "/chapters",
      "/targets",
      "/campaigns",
      "/staff/audit",
      "/staff/mail",
      "/staff/invitations",
      "/staff/actions",
      "/staff/events",
      "/staff/applications",
      "/staff/proposals",
      "/staff/targets",
      "/staff/campaigns",
      "/lawmakers",
      "/admin/users",
      "/admin/impact-properties",
      ...Object.values(FUZZ)
        .filter((e) => e.send !== "webhook")
        .map((e) => e.path),
    ];
    for (const page of pages) {
      for (const who of ["admin", "chapter_lead"] as const) {
        const response = await clients.get(who)!.get(fill(page));
        expect(response.status, `${page} as ${who}`).toBeLessThan(500);
        expect(unescaped(await response.text()), `${page} as ${who}`).toEqual([]);
      }
    }
  }, 120_000);
});
