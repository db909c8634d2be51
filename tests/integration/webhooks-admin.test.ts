/**
 * The webhook pages through the real HTTP stack, without the test switch: only admins, the address
 * guard's refusals as field messages that write nothing, the secret shown once and then on request,
 * test events, disable / enable / delete with confirmation, every write audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../app/features/api-keys/keys.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { adminUser } from "../support/webhook-fixtures";

let server: TestServer;
let admin: Client;
let staff: Client;
let keyId: number;
beforeAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  server = await startTestServer();
  admin = new Client(server.url, "192.0.2.201");
  await admin.login(DEMO.admin);
  staff = new Client(server.url, "192.0.2.202");
  await staff.login(DEMO.staff);
  const { key } = await createApiKey(await adminUser(), {
    name: "Coalition CRM",
    access: "read",
    resources: ["signatures"],
  });
  keyId = key.id;
});
afterAll(() => server.close());

function register(client: Client, url: string, events: string[] = ["signature.confirmed", "threat.changed"]) {
  const body = new URLSearchParams([["intent", "register"], ["url", url], ...events.map((e) => ["events", e])]);
  return client.request(`/admin/api-keys/${keyId}/webhooks`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}

const endpointCount = async () =>
  Number(
    (
      await db
        .selectFrom("webhook_endpoints")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("api_key_id", "=", keyId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const audits = async (endpointId: number) =>
  db
    .selectFrom("audit_log")
    .select(["action", "after_json", "actor_user_id"])
    .where("entity_type", "=", "webhook_endpoint")
    .where("entity_id", "=", String(endpointId))
    .orderBy("id")
    .execute();

describe("registering a webhook endpoint", () => {
  it.each([
    ["http://hooks.example.org/in", "must start with https://"],
    ["http://127.0.0.1:8080/in", "must start with https://"],
    ["https://127.0.0.1/in", "private, local or reserved network"],
    ["https://localhost/in", "private, local or reserved network"],
    ["https://10.1.2.3/in", "private, local or reserved network"],
    ["https://192.168.0.10/in", "private, local or reserved network"],
    ["https://169.254.169.254/latest/meta-data", "private, local or reserved network"],
    ["https://100.64.1.1/in", "private, local or reserved network"],
    ["https://[::1]/in", "private, local or reserved network"],
    ["https://[fd00::1]/in", "private, local or reserved network"],
    ["https://[::ffff:127.0.0.1]/in", "private, local or reserved network"],
    ["https://0.0.0.0/in", "private, local or reserved network"],
    ["https://user:secret@93.184.215.14/in", "without a user name or password"],
  ])("refuses %s with a field message and writes nothing", async (url, message) => {
    const before = await endpointCount();
    const response = await register(admin, url);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(message);
    // The message is tied to the field.
    expect(html).toMatch(/aria-describedby="[^"]*-error"/);
    expect(await endpointCount()).toBe(before);
  });

  it("refuses an endpoint without events", async () => {
    const response = await register(admin, "https://93.184.215.14/in", []);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Choose at least one event.");
  });

  it("is for admins only", async () => {
    expect((await staff.get(`/admin/api-keys/${keyId}/webhooks`)).status).toBe(403);
    const before = await endpointCount();
    expect((await register(staff, "https://93.184.215.14/in")).status).toBe(403);
    expect(await endpointCount()).toBe(before);
  });
});

describe("an endpoint's page", () => {
  let endpointId: number;
  let secret: string;

  it("registers a public address, shows the secret once and audits without it", async () => {
    const response = await register(admin, "https://93.184.215.14/hooks/hub");
    expect(response.status).toBe(200);
    const html = await response.text();
    const row = await db
      .selectFrom("webhook_endpoints")
      .selectAll()
      .where("api_key_id", "=", keyId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    endpointId = row.id;
    secret = row.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(html).toContain(secret);
    expect(JSON.parse(row.event_types)).toEqual(["signature.confirmed", "threat.changed"]);
    // The list shows it, without the secret.
    const list = await (await admin.get(`/admin/api-keys/${keyId}/webhooks`)).text();
    expect(list).toContain("https://93.184.215.14/hooks/hub");
    expect(list).not.toContain(secret);
    const [created] = await audits(endpointId);
    expect(created.action).toBe("webhook.create");
    expect(created.after_json).toContain("93.184.215.14");
    expect(created.after_json).not.toContain(secret);
  });

  it("shows the secret on request, queues a test event, and audits both", async () => {
    const page = `/admin/api-keys/${keyId}/webhooks/${endpointId}`;
    const first = await (await admin.get(page)).text();
    expect(first).not.toContain(secret);
    expect(first).toContain("Show the signing secret");
    const revealed = await admin.post(page, { intent: "reveal" });
    expect(revealed.status).toBe(200);
    expect(await revealed.text()).toContain(secret);

    const test = await admin.post(page, { intent: "test" });
    expect(test.status).toBe(200);
    const rows = await db.selectFrom("webhook_outbox").selectAll().where("endpoint_id", "=", endpointId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ event_type: "webhook.test", status: "pending" });
    const log = await (await admin.get(page)).text();
    expect(log).toContain(rows[0].message_id);
    expect(log).toContain("Waiting");
    expect((await audits(endpointId)).map((a) => a.action)).toEqual([
      "webhook.create",
      "webhook.secret_view",
      "webhook.test",
    ]);
  });

  it("disables and enables only when confirmed, then deletes with its log", async () => {
    const page = `/admin/api-keys/${keyId}/webhooks/${endpointId}`;
    expect((await admin.post(page, { intent: "disable" })).status).toBe(400);
    const enabled = () =>
      db
        .selectFrom("webhook_endpoints")
        .select(["enabled", "disabled_reason"])
        .where("id", "=", endpointId)
        .executeTakeFirst();
    expect(await enabled()).toEqual({ enabled: 1, disabled_reason: null });
    expect((await admin.post(page, { intent: "disable", confirm: "yes" })).status).toBe(200);
    expect(await enabled()).toEqual({ enabled: 0, disabled_reason: "admin" });
    expect(await (await admin.get(page)).text()).toContain("Disabled by an admin.");
    expect((await admin.post(page, { intent: "enable", confirm: "yes" })).status).toBe(200);
    expect(await enabled()).toEqual({ enabled: 1, disabled_reason: null });

    expect((await staff.post(page, { intent: "delete", confirm: "yes" })).status).toBe(403);
    const deleted = await admin.post(page, { intent: "delete", confirm: "yes" });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("location")).toBe(`/admin/api-keys/${keyId}/webhooks`);
    expect(await enabled()).toBeUndefined();
    expect(await db.selectFrom("webhook_outbox").select("id").where("endpoint_id", "=", endpointId).execute()).toEqual(
      [],
    );
    expect((await audits(endpointId)).map((a) => a.action).slice(-3)).toEqual([
      "webhook.disable",
      "webhook.enable",
      "webhook.delete",
    ]);
    expect((await admin.get(page)).status).toBe(404);
  });

  it("pages the delivery log, newest first, 20 a page", async () => {
    expect((await register(admin, "https://93.184.215.14/hooks/paged")).status).toBe(200);
    const row = await db
      .selectFrom("webhook_endpoints")
      .select("id")
      .where("api_key_id", "=", keyId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const page = `/admin/api-keys/${keyId}/webhooks/${row.id}`;
    for (let i = 0; i < 25; i++) expect((await admin.post(page, { intent: "test" })).status).toBe(200);
    const ids = (
      await db
        .selectFrom("webhook_outbox")
        .select("message_id")
        .where("endpoint_id", "=", row.id)
        .orderBy("id")
        .execute()
    ).map((r) => r.message_id);
    const first = await (await admin.get(page)).text();
    const second = await (await admin.get(`${page}?page=2`)).text();
    const shown = (html: string) => ids.filter((id) => html.includes(id));
    expect(shown(first)).toEqual(ids.slice(5));
    expect(shown(second)).toEqual(ids.slice(0, 5));
    expect(first).toContain("?page=2");
  });
});
