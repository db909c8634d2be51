/**
 * Every route, every role, the expected answer. The table is checked against the build's route
 * list, so a new route without an entry here fails this test until someone decides who may see it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLetter, openLetter } from "~/features/letters/letters.server";
import { createThreat } from "~/features/threats/mutations.server";
import { settleBackgroundTasks } from "~/lib/background.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import {
  adminOnly,
  all,
  anonymousOnly,
  EVERYONE,
  signedIn,
  staffOnly,
  type Expectation,
  type MatrixArea,
  type Who,
} from "./route-matrix/expectations";

/** The areas added since: one file each, so that features do not all edit this one. */
const AREAS = Object.values(
  import.meta.glob<MatrixArea>("./route-matrix/*.matrix.ts", { eager: true, import: "area" }),
);

/** Route id (as in the build) → a concrete path and who gets what. `:id` is filled in below. */
const CORE_MATRIX: Record<string, { path: string; expect: Expectation }> = {
  "routes/_index": { path: "/", expect: all(200) },
  "routes/threats._index": { path: "/threats", expect: all(200) },
  "routes/coalition._index": { path: "/coalition", expect: all(200) },
  "routes/letters._index": { path: "/letters", expect: all(200) },
  "routes/events._index": { path: "/events", expect: all(200) },
  "routes/chapters._index": { path: "/chapters", expect: all(200) },
  "routes/targets._index": { path: "/targets", expect: all(200) },
  "routes/healthz": { path: "/healthz", expect: all(200) },
  "routes/ping": { path: "/ping", expect: all(200) },
  "routes/login": { path: "/login", expect: anonymousOnly },
  "routes/forgot-password": { path: "/forgot-password", expect: anonymousOnly },
  "routes/reset-password": { path: "/reset-password?token=nope", expect: all(200) },
  "routes/invitations.accept": { path: "/invitations/accept?token=nope", expect: all(200) },
  "routes/logout": { path: "/logout", expect: all(302) },
  "routes/locale": { path: "/locale", expect: all(302) },
  "routes/account": { path: "/account", expect: signedIn(200) },
  "routes/account_.two-factor": { path: "/account/two-factor", expect: signedIn(200) },
  "routes/login_.two-factor": { path: "/login/two-factor", expect: all(302) },
  "routes/staff._index": { path: "/staff", expect: staffOnly },
  "routes/staff.invitations": { path: "/staff/invitations", expect: staffOnly },
  "routes/staff.audit": { path: "/staff/audit", expect: staffOnly },
  "routes/staff.mail._index": { path: "/staff/mail", expect: staffOnly },
  "routes/staff.mail.$id": { path: "/staff/mail/:mail", expect: staffOnly },
  "routes/staff.mail.$id_.html": { path: "/staff/mail/:mail/html", expect: staffOnly },
  "routes/admin.users._index": { path: "/admin/users", expect: adminOnly },
  "routes/admin.users.$userId": { path: "/admin/users/:user", expect: adminOnly },
  "routes/threats.new": { path: "/threats/new", expect: staffOnly },
  "routes/threats.$slug._index": { path: "/threats/:threat", expect: all(200) },
  "routes/threats.$slug.edit": { path: "/threats/:threat/edit", expect: staffOnly },
  // Chapter leads assess threats of their own chapter's country (the test threat is Kenyan).
  "routes/threats.$slug.assessment": {
    path: "/threats/:threat/assessment",
    expect: { ...staffOnly, chapter_lead: 200 },
  },
  "routes/threats.propose": {
    path: "/threats/propose",
    expect: { anonymous: 302, admin: 403, staff: 403, chapter_lead: 200, chapter_member: 200, coalition_member: 403 },
  },
  "routes/staff.proposals": { path: "/staff/proposals", expect: staffOnly },
  "routes/statements.new": { path: "/statements/new", expect: staffOnly },
  "routes/account_.follows": { path: "/account/follows", expect: signedIn(200) },
  "routes/countries.$code": { path: "/countries/KE", expect: all(200) },
  "routes/coalition.$memberId._index": { path: "/coalition/:member", expect: all(200) },
  // A representative edits their own organisation (the test member is theirs); staff edit any.
  "routes/coalition.$memberId.edit": {
    path: "/coalition/:member/edit",
    expect: { ...staffOnly, coalition_member: 200 },
  },
  "routes/admin.impact-properties": { path: "/admin/impact-properties", expect: adminOnly },
  // Open data, the feed and the map: public. The CSV export: staff.
  "routes/api.v1.threats": { path: "/api/v1/threats", expect: all(200) },
  "routes/api.v1.threats.$slug": { path: "/api/v1/threats/:threat", expect: all(200) },
  "routes/api.v1.jurisdictions.$code": { path: "/api/v1/jurisdictions/KE", expect: all(200) },
  "routes/feeds.threats[.]atom": { path: "/feeds/threats.atom", expect: all(200) },
  "routes/threats.export[.]csv": { path: "/threats/export.csv", expect: staffOnly },
  "routes/threats.map": { path: "/threats/map", expect: all(200) },
  // Coalition: the members' open data is public; the CSV import and export are staff work.
  "routes/api.v1.coalition.members": { path: "/api/v1/coalition/members", expect: all(200) },
  "routes/coalition.import": { path: "/coalition/import", expect: staffOnly },
  "routes/coalition.export[.]csv": { path: "/coalition/export.csv", expect: staffOnly },
  // Coalition applications: a public form and confirmation page; the review queue is for staff.
  "routes/coalition.apply": { path: "/coalition/apply", expect: all(200) },
  "routes/coalition.apply_.confirm": { path: "/coalition/apply/confirm?token=nope", expect: all(200) },
  "routes/staff.applications": { path: "/staff/applications", expect: staffOnly },
  "routes/staff.name-changes": { path: "/staff/name-changes", expect: staffOnly },
  // Open letters: the letter page and its open data are public (the test letter is open); drafting,
  // editing and status changes are staff work.
  "routes/letters.new": { path: "/letters/new", expect: staffOnly },
  "routes/letters.$slug._index": { path: "/letters/:letter", expect: all(200) },
  "routes/letters.$slug.edit": { path: "/letters/:letter/edit", expect: staffOnly },
  "routes/letters.$slug.manage": { path: "/letters/:letter/manage", expect: staffOnly },
  "routes/api.v1.letters": { path: "/api/v1/letters", expect: all(200) },
  "routes/api.v1.letters.$slug": { path: "/api/v1/letters/:letter", expect: all(200) },
  // Signing: public pages (GET only looks; the mailed links' pages answer 200 even for a bad token);
  // moderation and the export with e-mail addresses are staff work.
  "routes/letters.$slug.sign": { path: "/letters/:letter/sign", expect: all(200) },
  "routes/letters.confirm": { path: "/letters/confirm?token=nope", expect: all(200) },
  "routes/letters.withdraw": { path: "/letters/withdraw?token=nope", expect: all(200) },
  "routes/staff.letters.$slug.signatures": { path: "/staff/letters/:letter/signatures", expect: staffOnly },
  "routes/staff.letters.$slug.signatures[.]csv": {
    path: "/staff/letters/:letter/signatures.csv",
    expect: staffOnly,
  },
};

/** Unknown objects answer 404 to those allowed to look, never 500. */
const CORE_NOT_FOUND: Array<{ path: string; as: Who }> = [
  { path: "/staff/mail/999999", as: "staff" },
  { path: "/staff/mail/999999/html", as: "staff" },
  { path: "/staff/mail/not-a-number", as: "staff" },
  { path: "/admin/users/999999", as: "admin" },
  { path: "/admin/users/1e3", as: "admin" },
  { path: "/threats/no-such-threat", as: "anonymous" },
  { path: "/threats/no-such-threat/edit", as: "staff" },
  { path: "/countries/XX", as: "anonymous" },
  { path: "/coalition/999999", as: "anonymous" },
  { path: "/coalition/999999/edit", as: "staff" },
  { path: "/countries/../etc", as: "anonymous" },
  { path: "/api/v1/threats/no-such-threat", as: "anonymous" },
  { path: "/api/v1/jurisdictions/XX", as: "anonymous" },
  { path: "/letters/no-such-letter", as: "anonymous" },
  { path: "/letters/no-such-letter/edit", as: "staff" },
  { path: "/letters/no-such-letter/manage", as: "staff" },
  { path: "/api/v1/letters/no-such-letter", as: "anonymous" },
  { path: "/letters/no-such-letter/sign", as: "anonymous" },
  { path: "/staff/letters/no-such-letter/signatures", as: "staff" },
  { path: "/staff/letters/no-such-letter/signatures.csv", as: "staff" },
  { path: "/no-such-page", as: "anonymous" },
];

const MATRIX: Record<string, { path: string; expect: Expectation }> = Object.assign(
  {},
  CORE_MATRIX,
  ...AREAS.map((a) => a.entries),
);
const NOT_FOUND = [...CORE_NOT_FOUND, ...AREAS.flatMap((a) => a.notFound ?? [])];

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
  // One message in the outbox, so that the mail pages have something to show.
  await new Client(server.url, "10.9.8.99").post("/forgot-password", { email: DEMO.staff });
  await settleBackgroundTasks();
  const mail = await db.selectFrom("outbox").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
  const user = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", DEMO.chapter_member)
    .executeTakeFirstOrThrow();
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  const threat = await createThreat(staff, {
    jurisdiction: "KE",
    kind: "bill",
    title: "Matrix test bill",
    categories: ["encryption"],
    severity: "high",
    firstSeenOn: "2026-01-05",
    sources: [],
  });
  if (!threat.ok) throw new Error("could not create the test threat");
  const representative = await db
    .selectFrom("users")
    .select("coalition_member_id")
    .where("email", "=", DEMO.coalition_member)
    .executeTakeFirstOrThrow();
  const letter = await createLetter(staff, {
    texts: [{ language: "en", title: "Matrix test letter", body: "Keep encryption." }],
    threats: [],
  });
  if (!letter.ok) throw new Error("could not create the test letter");
  await openLetter(staff, letter.id);
  const areaParams: Record<string, string> = {};
  for (const area of AREAS) Object.assign(areaParams, await area.setup?.({ staff }));
  params = {
    ...areaParams,
    letter: letter.slug,
    mail: String(mail.id),
    user: String(user.id),
    threat: threat.slug,
    member: String(representative.coalition_member_id),
  };
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
