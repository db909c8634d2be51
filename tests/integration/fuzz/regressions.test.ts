/**
 * Cases the fuzzing found, kept as plain tests. Each failed before its fix: a 500 (or a stalled
 * server) where a 400 was due, or a React error while rendering a refused form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../../support/app-server";
import { fingerprint } from "./fingerprint";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.79.0.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

let visits = 0;
const visitor = () => new Client(server.url, `10.79.1.${++visits}`);

const post = (client: Client, path: string, pairs: Array<[string, string]>) =>
  client.request(path, {
    method: "POST",
    body: new URLSearchParams(pairs),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });

describe("forged Conform field names and intents", () => {
  it("a control field that is not Conform's JSON is a 400, not a 500", async () => {
    const before = await fingerprint();
    for (const intent of ["a\u0000b", "{", '{"type":1}', '{"type":"remove","payload":{"name":"goal","index":0}}']) {
      const response = await post(staff, "/letters/new", [
        ["texts[0].language", "en"],
        ["texts[0].title", "A letter"],
        ["goal", "100"],
        ["__intent__", intent],
      ]);
      expect(response.status, intent).toBe(400);
    }
    expect((await post(staff, "/letters/new", [["__state__", "{"]])).status).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });

  it("a huge list index is refused at once instead of stalling the server", async () => {
    const before = await fingerprint();
    const started = Date.now();
    expect((await post(staff, "/letters/new", [["texts[99999999].title", "x"]])).status).toBe(400);
    expect((await post(visitor(), "/coalition/apply", [["x[99999999]", "x"]])).status).toBe(400);
    expect(
      (
        await post(staff, "/letters/new", [
          ["__intent__", '{"type":"insert","payload":{"name":"texts","index":99999999}}'],
        ])
      ).status,
    ).toBe(400);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await fingerprint()).toEqual(before);
  });

  it("a deeply nested field name is a 400, not a stack overflow", async () => {
    expect((await post(visitor(), "/coalition/apply", [[`a${".a".repeat(20_000)}`, "x"]])).status).toBe(400);
    expect((await post(visitor(), "/forgot-password", [[`a${"[0]".repeat(5_000)}`, "x"]])).status).toBe(400);
  });

  it("the form's own list buttons still work without JavaScript", async () => {
    const response = await post(staff, "/letters/new", [
      ["texts[0].language", "en"],
      ["texts[0].title", "A letter"],
      ["texts[0].body", "Body"],
      ["__intent__", '{"type":"insert","payload":{"name":"texts"}}'],
    ]);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('name="texts[1].title"');
    // With two texts already there, the rows rendered used to lack React keys.
    const third = await post(staff, "/letters/new", [
      ["texts[0].language", "en"],
      ["texts[0].title", "A letter"],
      ["texts[0].body", "Body"],
      ["texts[1].language", "fr"],
      ["texts[1].title", "Une lettre"],
      ["texts[1].body", "Corps"],
      ["__intent__", '{"type":"insert","payload":{"name":"texts","defaultValue":{"language":"es"}}}'],
    ]);
    expect(third.status).toBe(200);
    expect(await third.text()).toContain('name="texts[2].title"');
  });

  it("a forged __state__ is a 400", async () => {
    const response = await post(staff, "/letters/new", [
      ["texts[0].language", "en"],
      ["__state__", '{"type":"reorder","payload":{"name":"texts","from":0,"to":99999999}}'],
    ]);
    expect(response.status).toBe(400);
  });
});

describe("refused forms with a field sent twice render without React errors", () => {
  // The shared setup turns any console.error during a request into a failure (here, a 500).
  it("a select sent twice (invitations)", async () => {
    const response = await post(staff, "/staff/invitations", [
      ["intent", "invite"],
      ["role", "nope"],
      ["role", "staff"],
    ]);
    expect(response.status).toBe(400);
    expect(await db.selectFrom("invitations").select("id").where("email", "=", "").execute()).toEqual([]);
  });

  it("one lawmaker in the campaign's multiple select, and a target's kind sent twice", async () => {
    expect((await post(staff, "/campaigns/new", [["lawmakers", "1"]])).status).toBe(400);
    expect(
      (
        await post(staff, "/staff/targets/new", [
          ["kind", "bill"],
          ["kind", "law"],
        ])
      ).status,
    ).toBe(400);
  });
});
