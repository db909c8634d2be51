/**
 * Every route, every role, the expected answer. The table (route-matrix/<area>.matrix.ts) is checked
 * against the build's route list, so a new route without an entry fails this test until someone
 * decides who may see it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { EVERYONE, type Expectation, type MatrixArea, type Who } from "./route-matrix/expectations";

/** One file per area, so that features do not all edit one table. */
const AREAS = Object.values(
  import.meta.glob<MatrixArea>("./route-matrix/*.matrix.ts", { eager: true, import: "area" }),
);

const MATRIX: Record<string, { path: string; expect: Expectation }> = Object.assign({}, ...AREAS.map((a) => a.entries));
const NOT_FOUND = AREAS.flatMap((a) => a.notFound ?? []);

let server: TestServer;
const clients = new Map<Who, Client>();
let params: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  let ip = 1;
  for (const who of EVERYONE) {
    const client = new Client(server.url, `10.9.8.${ip++}`);
    if (who !== "anonymous") await client.login(DEMO[who]);
    clients.set(who, client);
  }
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  params = {};
  for (const area of AREAS) Object.assign(params, await area.setup?.({ staff, baseUrl: server.url }));
});
afterAll(() => server.close());

describe("route authorisation matrix", () => {
  it("has an entry for every route of the app", () => {
    const routeIds = Object.keys(server.build.routes).filter((id) => id !== "root");
    expect(routeIds.filter((id) => !(id in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((id) => !routeIds.includes(id))).toEqual([]);
  });

  for (const [routeId, entry] of Object.entries(MATRIX)) {
    it(`${routeId} answers each role as expected`, async () => {
      const path = entry.path.replace(/:(\w+)/g, (_m, key: string) => params[key]);
      const seen: Partial<Expectation> = {};
      for (const who of EVERYONE) seen[who] = (await clients.get(who)!.get(path)).status;
      expect(seen).toEqual(entry.expect);
    });
  }

  it("sends the signed-out to sign in and back", async () => {
    const response = await clients.get("anonymous")!.get("/staff/mail?status=failed");
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fstaff%2Fmail%3Fstatus%3Dfailed");
  });

  for (const { path, as } of NOT_FOUND) {
    it(`${path} is a 404 for ${as}`, async () => {
      expect((await clients.get(as)!.get(path)).status).toBe(404);
    });
  }

  it("refuses writes to staff pages from other roles", async () => {
    for (const who of ["chapter_lead", "chapter_member", "coalition_member"] as const) {
      const response = await clients.get(who)!.post("/staff/invitations", {
        intent: "invite",
        email: "x@example.org",
        name: "X",
        role: "staff",
        locale: "en",
      });
      expect(response.status).toBe(403);
    }
    const anonymous = await clients
      .get("anonymous")!
      .post("/staff/invitations", { intent: "invite", email: "x@example.org", name: "X", role: "staff", locale: "en" });
    expect(anonymous.status).toBe(302);
    expect(
      await db.selectFrom("invitations").select("id").where("email", "=", "x@example.org").executeTakeFirst(),
    ).toBeUndefined();
  });
});
