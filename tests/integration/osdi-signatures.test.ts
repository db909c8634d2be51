/**
 * The OSDI record signature helper through the real HTTP stack: it goes through the public form's
 * rules (pending until confirmed, counted only then, dedupe on the normalised address, hostile
 * input refused with field messages and nothing written, oversized bodies refused at the edge).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { createApiKey } from "../../app/features/api-keys/keys.server";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo } from "../support/mailbox";
import { BASE, confirmedCount, createOpenLetter, osdiPost, osdiRequest, signer, type Hal } from "../support/osdi";

let server: TestServer;
let anonymous: Client;
const tokens: Record<string, string> = {};
let letter: { id: number; slug: string };

const osdi = (path: string, token?: string, init: RequestInit = {}) => osdiRequest(anonymous, path, token, init);
const post = (path: string, token: string | undefined, body: unknown, contentType?: string) =>
  osdiPost(anonymous, path, token, body, contentType);

beforeAll(async () => {
  server = await startTestServer();
  anonymous = new Client(server.url, "10.64.0.1");
  const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
  tokens.all = (
    await createApiKey(admin, {
      name: "all",
      access: "read_write",
      resources: ["signatures", "attendances", "outreaches", "people"],
    })
  ).token;
  tokens.signaturesOnly = (await createApiKey(admin, { name: "sig", access: "read", resources: ["signatures"] })).token;
  letter = await createOpenLetter();
});
afterAll(() => server.close());

describe("the record signature helper", () => {
  it("is pending until the person confirms by e-mail, then counts and is listed", async () => {
    const email = "osdi-signer@example.net";
    const path = `/petitions/${letter.id}/signatures`;
    const answer = await post(path, tokens.all, signer(email));
    expect(answer.status).toBe(202);
    const [row] = await db.selectFrom("signatures").selectAll().where("email", "=", email).execute();
    expect(row).toMatchObject({ status: "pending", name: "Ada Lovelace", jurisdiction_code: "GB", show_publicly: 0 });
    expect(await confirmedCount(letter.id)).toBe(0);
    // The write is audited with the key and the letter, never the person's address.
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "osdi.signature.record")
      .where("entity_id", "=", String(letter.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('"api_key":"all (');
    expect(JSON.stringify(audit[0])).not.toContain(email);
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
