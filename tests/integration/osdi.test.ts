/**
 * The OSDI 1.1 API through the real HTTP stack: the entry point, each resource's OSDI field
 * names, HAL links and pagination, the modified_date filter, key scopes, and the record signature
 * helper going through the public form's rules (pending until confirmed, dedupe, hostile input).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { createApiKey, revokeApiKey } from "../../app/features/api-keys/keys.server";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import { BASE, createOpenLetter, osdiPost, osdiRequest, signer, type Hal } from "../support/osdi";

let server: TestServer;
let anonymous: Client;
const tokens: Record<string, string> = {};
let letter: { id: number; slug: string };

const osdi = (path: string, token?: string, init: RequestInit = {}) => osdiRequest(anonymous, path, token, init);
const post = (path: string, token: string | undefined, body: unknown, contentType?: string) =>
  osdiPost(anonymous, path, token, body, contentType);

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Client(server.url, "10.61.0.1");
  const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
  const make = async (
    name: string,
    access: "read" | "read_write",
    resources: Array<"signatures" | "attendances" | "outreaches" | "people">,
  ) => (tokens[name] = (await createApiKey(admin, { name, access, resources })).token);
  await make("all", "read_write", ["signatures", "attendances", "outreaches", "people"]);
  await make("readOnly", "read", ["signatures", "people"]);
  await make("eventsOnly", "read_write", ["attendances"]);
  await make("signaturesOnly", "read", ["signatures"]);
  const revoked = await createApiKey(admin, { name: "revoked", access: "read_write", resources: ["signatures"] });
  await revokeApiKey(admin, revoked.key.id);
  tokens.revoked = revoked.token;
  letter = await createOpenLetter();
});
afterAll(() => server.close());

describe("the entry point", () => {
  it("links every collection with OSDI's relations, as HAL+JSON", async () => {
    const { status, response, body } = await osdi("");
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/hal\+json/);
    expect(Object.keys(body._links).sort()).toEqual(
      ["curies", "osdi:advocacy_campaigns", "osdi:events", "osdi:people", "osdi:petitions", "self"].sort(),
    );
    expect(body._links["osdi:petitions"].href).toBe(`${server.url}${BASE}/petitions`);
    expect(body._links.self.href).toBe(`${server.url}${BASE}`);
    expect(body._links.curies[0]).toMatchObject({ name: "osdi", templated: true });
    expect(body.osdi_version).toBe("1.1");
  });
});

describe("public resources", () => {
  it("petitions carry OSDI's field names and links, and leave drafts out", async () => {
    const draft = await createOpenLetter("draft");
    const { status, body } = await osdi("/petitions?per_page=100");
    expect(status).toBe(200);
    const items = body._embedded["osdi:petitions"] as Hal[];
    expect(items.some((p) => p.name === draft.slug)).toBe(false);
    const mine = items.find((p) => p.name === letter.slug)!;
    expect(Object.keys(mine).sort()).toEqual(
      [
        "identifiers",
        "origin_system",
        "created_date",
        "modified_date",
        "name",
        "title",
        "petition_text",
        "browser_url",
        "total_signatures",
        "_links",
      ].sort(),
    );
    expect(mine.identifiers).toEqual([`hub:petition-${letter.id}`]);
    expect(mine.created_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(mine.browser_url).toBe(`${server.url}/letters/${letter.slug}`);
    expect(Object.keys(mine._links).sort()).toEqual(["osdi:record_signature_helper", "osdi:signatures", "self"]);
    expect((await osdi(`/petitions/${draft.id}`)).status).toBe(404);
    expect((await osdi(`/petitions/${letter.id}`)).body.title).toBe("Keep encryption strong (OSDI)");
  });

  it("events and advocacy campaigns carry OSDI's field names", async () => {
    const events = await osdi("/events");
    expect(events.status).toBe(200);
    const event = events.body._embedded["osdi:events"][0] as Hal;
    for (const field of ["identifiers", "title", "start_date", "end_date", "browser_url", "total_accepted", "location"])
      expect(event).toHaveProperty(field);
    expect(Object.keys(event).filter((k) => !OSDI_EVENT_FIELDS.includes(k))).toEqual([]);
    expect(event._links["osdi:attendances"].href).toMatch(/\/api\/osdi\/v1\/events\/\d+\/attendances$/);

    const campaigns = await osdi("/advocacy_campaigns");
    expect(campaigns.status).toBe(200);
    const campaign = campaigns.body._embedded["osdi:advocacy_campaigns"][0] as Hal;
    expect(Object.keys(campaign).filter((k) => !OSDI_CAMPAIGN_FIELDS.includes(k))).toEqual([]);
    expect(campaign).toHaveProperty("total_outreaches");
    expect(campaign._links["osdi:outreaches"].href).toMatch(/\/outreaches$/);
  });

  it("pages with next and prev links and knows the last page", async () => {
    const first = await osdi("/events?per_page=1");
    expect(first.body).toMatchObject({ page: 1, per_page: 1 });
    const total = first.body.total_records as number;
    expect(total).toBeGreaterThan(1);
    expect(first.body.total_pages).toBe(total);
    expect(first.body._links.prev).toBeUndefined();
    expect(first.body._links.next.href).toBe(`${server.url}${BASE}/events?per_page=1&page=2`);
    expect(first.body._links["osdi:events"]).toHaveLength(1);
    const last = await osdi(`/events?per_page=1&page=${total}`);
    expect(last.body._links.next).toBeUndefined();
    expect(last.body._links.prev.href).toBe(`${server.url}${BASE}/events?per_page=1&page=${total - 1}`);
    expect(last.body._embedded["osdi:events"]).toHaveLength(1);
    const beyond = await osdi(`/events?per_page=1&page=${total + 1}`);
    expect(beyond.body._embedded["osdi:events"]).toEqual([]);
  });

  it("filters on modified_date gt and lt, and refuses any other filter", async () => {
    await db
      .updateTable("open_letters")
      .set({ updated_at: "2030-01-02T00:00:00.000Z" })
      .where("id", "=", letter.id)
      .execute();
    const after = await osdi(`/petitions?filter=${encodeURIComponent("modified_date gt '2030-01-01T00:00:00Z'")}`);
    expect(after.status).toBe(200);
    expect(after.body._embedded["osdi:petitions"].map((p: Hal) => p.name)).toEqual([letter.slug]);
    expect(after.body._links.self.href).toContain("filter=modified_date+gt");
    const before = await osdi(`/petitions?filter=${encodeURIComponent("modified_date lt '2030-01-01T00:00:00Z'")}`);
    expect(before.body._embedded["osdi:petitions"].map((p: Hal) => p.name)).not.toContain(letter.slug);
    const both = await osdi(
      `/petitions?filter=${encodeURIComponent("modified_date gt '2029-12-31T00:00:00Z' and modified_date lt '2030-01-03T00:00:00+01:00'")}`,
    );
    expect(both.body.total_records).toBe(1);
    for (const bad of [
      "modified_date eq '2030-01-01T00:00:00Z'",
      "created_date gt '2030-01-01T00:00:00Z'",
      "modified_date gt 2030-01-01",
      "modified_date gt '2030-02-31T00:00:00Z'",
      "modified_date gt '2030-01-01T00:00:00Z' or 1=1",
      "modified_date gt '2030-01-01T00:00:00Z' and modified_date gt '2030-01-01T00:00:00Z'",
    ]) {
      const refused = await osdi(`/petitions?filter=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.errors.filter).toMatch(/modified_date|valid/);
    }
    expect((await osdi("/petitions?per_page=1000")).status).toBe(400);
    expect((await osdi("/petitions?sort=name")).body.errors).toEqual({ sort: "unknown parameter" });
  });
});

describe("key scopes", () => {
  it("personal data: no key or a revoked one 401, a key without the resource 403", async () => {
    const path = `/petitions/${letter.id}/signatures`;
    expect((await osdi(path)).status).toBe(401);
    expect((await osdi(path, tokens.revoked)).status).toBe(401);
    expect((await osdi(path, "hub_notakey0_" + "a".repeat(40))).status).toBe(401);
    expect((await osdi(path, tokens.eventsOnly)).status).toBe(403);
    expect((await osdi("/people", tokens.eventsOnly)).status).toBe(403);
    expect((await osdi(path, tokens.readOnly)).status).toBe(200);
    // A bad key is refused even on public resources, so that a client sees its mistake.
    expect((await osdi("/petitions", tokens.revoked)).status).toBe(401);
  });

  it("a read-only key cannot write, a key without signatures cannot either, and nothing is written", async () => {
    const path = `/petitions/${letter.id}/signatures`;
    expect((await post(path, tokens.readOnly, signer("ro@example.net"))).status).toBe(403);
    expect((await post(path, tokens.eventsOnly, signer("ro@example.net"))).status).toBe(403);
    expect((await post(path, undefined, signer("ro@example.net"))).status).toBe(401);
    const rows = await db.selectFrom("signatures").select("id").where("email", "=", "ro@example.net").execute();
    expect(rows).toEqual([]);
  });

  it("counts a key's use per day, not as audit rows", async () => {
    const key = await db
      .selectFrom("api_keys")
      .select(["id", "last_used_at"])
      .where("name", "=", "readOnly")
      .executeTakeFirstOrThrow();
    expect(key.last_used_at).not.toBeNull();
    const usage = await db.selectFrom("api_key_usage").selectAll().where("api_key_id", "=", key.id).execute();
    expect(usage[0]!.requests).toBeGreaterThanOrEqual(1);
  });
});

describe("attendances and outreaches", () => {
  it("need their own scope and use OSDI's names", async () => {
    const events = await osdi("/events?per_page=100");
    const eventId = (events.body._embedded["osdi:events"][0].identifiers[0] as string).replace("hub:event-", "");
    expect((await osdi(`/events/${eventId}/attendances`)).status).toBe(401);
    expect((await osdi(`/events/${eventId}/attendances`, tokens.readOnly)).status).toBe(403);
    const list = await osdi(`/events/${eventId}/attendances`, tokens.eventsOnly);
    expect(list.status).toBe(200);
    expect(Object.keys(list.body).sort()).toEqual([
      "_embedded",
      "_links",
      "page",
      "per_page",
      "total_pages",
      "total_records",
    ]);
    for (const item of list.body._embedded["osdi:attendances"]) {
      expect(item.status).toBe("accepted");
      expect(item._embedded).toBeUndefined();
    }

    const campaigns = await osdi("/advocacy_campaigns");
    const campaignId = (campaigns.body._embedded["osdi:advocacy_campaigns"][0].identifiers[0] as string).replace(
      "hub:advocacy_campaign-",
      "",
    );
    expect((await osdi(`/advocacy_campaigns/${campaignId}/outreaches`, tokens.eventsOnly)).status).toBe(403);
    const outreaches = await osdi(`/advocacy_campaigns/${campaignId}/outreaches`, tokens.all);
    expect(outreaches.status).toBe(200);
    for (const item of outreaches.body._embedded["osdi:outreaches"]) {
      expect(Object.keys(item).filter((k) => !OSDI_OUTREACH_FIELDS.includes(k))).toEqual([]);
      expect(item.type).toBe("email");
      expect(JSON.stringify(item)).not.toMatch(/personal_note|confirm_token|ip_hash/);
    }
  });
});

const COMMON = ["identifiers", "origin_system", "created_date", "modified_date", "_links", "_embedded"];
const OSDI_EVENT_FIELDS = [
  ...COMMON,
  "name",
  "title",
  "description",
  "browser_url",
  "type",
  "status",
  "start_date",
  "end_date",
  "total_accepted",
  "location",
];
const OSDI_CAMPAIGN_FIELDS = [...COMMON, "name", "title", "description", "browser_url", "type", "total_outreaches"];
const OSDI_OUTREACH_FIELDS = [...COMMON, "action_date", "type", "targets"];
