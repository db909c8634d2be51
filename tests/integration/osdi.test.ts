/**
 * The OSDI 1.1 API through the real HTTP stack: the entry point, each resource's OSDI field
 * names, HAL links and pagination, the modified_date filter, key scopes, and the record signature
 * helper going through the public form's rules (pending until confirmed, dedupe, hostile input).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { createApiKey, revokeApiKey } from "../../app/features/api-keys/keys.server";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
let anonymous: Client;
const tokens: Record<string, string> = {};
let letter: { id: number; slug: string };

const BASE = "/api/osdi/v1";

/** A HAL body as the tests read it: any field, any depth (the assertions check the shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read field by field
type Hal = Record<string, any>;

async function createOpenLetter(status: "open" | "draft" = "open") {
  const now = new Date().toISOString();
  const slug = `osdi-letter-${status}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  const row = await db
    .insertInto("open_letters")
    .values({
      slug,
      status,
      opens_on: null,
      closes_on: null,
      signature_goal: 100,
      current_version: 1,
      confirmed_count: 0,
      delivered_on: null,
      delivered_to: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("open_letter_texts")
    .values({
      letter_id: row.id,
      version: 1,
      language: "en",
      title: "Keep encryption strong (OSDI)",
      body: "We ask lawmakers to keep end-to-end encryption.",
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id: row.id, slug };
}

async function osdi(path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("OSDI-API-Token", token);
  const response = await anonymous.request(BASE + path, { ...init, headers });
  const text = await response.text();
  // The server's edge refuses oversized or non-JSON bodies with a short page of its own.
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, response, body: json ? (JSON.parse(text) as Hal) : { text } };
}

function post(path: string, token: string | undefined, body: unknown, contentType = "application/json") {
  return osdi(path, token, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": contentType },
  });
}

const signer = (email: string, extra: Record<string, unknown> = {}) => ({
  person: {
    given_name: "Ada",
    family_name: "Lovelace",
    email_addresses: [{ address: email, primary: true }],
    postal_addresses: [{ country: "GB" }],
  },
  add_tags: ["osdi-test"],
  ...extra,
});

async function confirmedCount(letterId: number) {
  const row = await db
    .selectFrom("open_letters")
    .select("confirmed_count")
    .where("id", "=", letterId)
    .executeTakeFirstOrThrow();
  return row.confirmed_count;
}

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

describe("the record signature helper", () => {
  it("is pending until the person confirms by e-mail, then counts and is listed", async () => {
    const email = "osdi-signer@example.net";
    const path = `/petitions/${letter.id}/signatures`;
    const answer = await post(path, tokens.all, signer(email));
    expect(answer.status).toBe(202);
    const [row] = await db.selectFrom("signatures").selectAll().where("email", "=", email).execute();
    expect(row).toMatchObject({ status: "pending", name: "Ada Lovelace", jurisdiction_code: "GB", show_publicly: 0 });
    expect(await confirmedCount(letter.id)).toBe(0);
    expect((await osdi(path, tokens.all)).body.total_records).toBe(0);
    expect((await osdi(`/petitions/${letter.id}`)).body.total_signatures).toBe(0);

    const mail = (await lastMailTo(email))!;
    expect(mail.template).toBe("signature-confirm");
    const token = /letters\/confirm\?token=([a-z0-9]+)/.exec(mail.text)![1]!;
    expect((await new Client(server.url, "10.61.0.9").post("/letters/confirm", { token })).status).toBe(200);

    expect(await confirmedCount(letter.id)).toBe(1);
    expect((await osdi(`/petitions/${letter.id}`)).body.total_signatures).toBe(1);
    const list = await osdi(path, tokens.all);
    expect(list.body.total_records).toBe(1);
    const signature = list.body._embedded["osdi:signatures"][0];
    expect(Object.keys(signature).sort()).toEqual(
      ["identifiers", "origin_system", "created_date", "modified_date", "action_date", "_links", "_embedded"].sort(),
    );
    expect(signature.identifiers).toEqual([`hub:signature-${row!.id}`]);
    expect(Object.keys(signature._links).sort()).toEqual(["osdi:person", "osdi:petition", "self"]);
    const person = signature._embedded["osdi:person"];
    expect(person).toMatchObject({
      given_name: "Ada Lovelace",
      email_addresses: [{ address: email, primary: true }],
      postal_addresses: [{ primary: true, country: "GB" }],
    });
    expect(JSON.stringify(list.body)).not.toMatch(/token_hash|ip_hash|password/);
    // The signer as a person resource, and in the people collection.
    const self = await osdi(person._links.self.href.replace(`${server.url}${BASE}`, ""), tokens.all);
    expect(self.status).toBe(200);
    expect(self.body.given_name).toBe("Ada Lovelace");
    const people = await osdi("/people?per_page=100", tokens.all);
    expect(people.body._embedded["osdi:people"].some((p: Hal) => p.email_addresses?.[0]?.address === email)).toBe(true);
    // A key without people sees the signature but not who signed.
    const bare = await osdi(path, tokens.signaturesOnly);
    expect(bare.body._embedded["osdi:signatures"][0]._embedded).toBeUndefined();
    expect(bare.body._embedded["osdi:signatures"][0]._links["osdi:person"]).toBeDefined();
    expect((await osdi("/people", tokens.signaturesOnly)).status).toBe(403);
  });

  it("a repeated address is not a second signature and gets the same answer", async () => {
    const email = "osdi-twice@example.net";
    const path = `/petitions/${letter.id}/record_signature_helper`;
    const first = await post(path, tokens.all, signer(email));
    const second = await post(path, tokens.all, signer("OSDI-Twice+tag@example.net"));
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    const rows = await db.selectFrom("signatures").select("id").where("email_normalised", "=", email).execute();
    expect(rows).toHaveLength(1);
  });

  it("hostile or incomplete bodies are a 400 naming the fields, and write nothing", async () => {
    const path = `/petitions/${letter.id}/signatures`;
    const before = await db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const cases: Array<[unknown, string]> = [
      [{}, "person"],
      [{ person: { email_addresses: [] } }, "person.email_addresses"],
      [
        {
          person: {
            given_name: "A",
            email_addresses: [{ address: "not-an-address" }],
            postal_addresses: [{ country: "GB" }],
          },
        },
        "person.email_addresses[0].address",
      ],
      [
        {
          person: {
            given_name: "<script>alert(1)</script>",
            email_addresses: [{ address: "x@example.net" }],
            postal_addresses: [{ country: "GB" }],
          },
        },
        "person.given_name",
      ],
      [
        { person: { given_name: "A", email_addresses: [{ address: "x@example.net" }] } },
        "person.postal_addresses[0].country",
      ],
      [
        {
          person: {
            given_name: "A",
            email_addresses: [{ address: "x@example.net" }],
            postal_addresses: [{ country: "ZZ" }],
          },
        },
        "person.postal_addresses[0].country",
      ],
      [{ ...signer("y@example.net"), add_tags: "not-a-list" }, "add_tags"],
      [{ person: { given_name: 42, email_addresses: [{ address: "x@example.net" }] } }, "person.given_name"],
      [[1, 2, 3], "body"],
      ["{not json", "body"],
    ];
    for (const [body, field] of cases) {
      const answer = await post(path, tokens.all, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(answer.body.errors), JSON.stringify(body)).toContain(field);
    }
    // Not JSON at all, and a body over the limit: refused before the app reads them.
    expect((await post(path, tokens.all, "name=x", "application/x-www-form-urlencoded")).status).toBe(415);
    const huge = signer("huge@example.net", { comments: "x".repeat(20_000) });
    expect((await post(path, tokens.all, huge)).status).toBe(413);
    const after = await db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses a draft or unknown petition with 404", async () => {
    const draft = await createOpenLetter("draft");
    expect((await post(`/petitions/${draft.id}/signatures`, tokens.all, signer("d@example.net"))).status).toBe(404);
    expect((await post(`/petitions/99999999/signatures`, tokens.all, signer("d@example.net"))).status).toBe(404);
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
