/**
 * The privacy scrub erases a sender completely: after it, no text column of any table holds the
 * sender's address, name, locality or note, nor those of an earlier unconfirmed send from the
 * same address that the confirmed one replaced. The outbox stores rendered mail, so that means
 * the confirmation mail and the letters' own copies (body, Reply-To, a subject that quoted the
 * sender) too.
 */
import crypto from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transitionLetters } from "~/features/campaigns/letter-state.server";
import { scrubLetters } from "~/features/campaigns/scrub.server";
import { db, getDatabase } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";
import { createListCampaign, insertLawmaker, linkToken, mailsTo, senderForm } from "../support/optin-fixtures";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const DAY = 24 * 60 * 60_000;
let nextIp = 1;

/** Every text-like column of every table, from the database's own catalogue. */
async function textColumns(): Promise<Array<{ table: string; column: string }>> {
  if (getDatabase().dialect === "postgres") {
    const { rows } = await sql<{ table: string; column: string }>`
      select table_name as "table", column_name as "column" from information_schema.columns
      where table_schema = current_schema() and data_type in ('text', 'character varying', 'character')`.execute(db);
    return rows;
  }
  const { rows: tables } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  const columns: Array<{ table: string; column: string }> = [];
  for (const { name } of tables) {
    const { rows } = await sql<{
      name: string;
      type: string;
    }>`select name, type from pragma_table_info(${name})`.execute(db);
    for (const c of rows) if (!/int|real|num|bool/i.test(c.type)) columns.push({ table: name, column: c.name });
  }
  return columns;
}

/** Where in the database `needle` occurs (case-insensitively), as "table.column". */
async function findEverywhere(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns()) {
    const { rows } = await sql<{ n: number | string }>`
      select count(*) as n from ${sql.table(table)}
      where lower(cast(${sql.ref(column)} as text)) like ${`%${needle.toLowerCase()}%`}`.execute(db);
    if (Number(rows[0]?.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

describe("the letters scrub", () => {
  it("leaves no trace of the sender's address, name, locality or note in any table", async () => {
    await sendConfirmDeliverScrub({ squatted: false });
  });

  it("nor of an earlier unconfirmed send from the same address that the sender's replaced", async () => {
    await sendConfirmDeliverScrub({ squatted: true });
  });
});

async function sendConfirmDeliverScrub(options: { squatted: boolean }) {
  const tag = crypto.randomBytes(4).toString("hex");
  const email = `Zora.Quill+${tag}@Example.org`;
  const secrets = {
    email,
    normalised: `zora.quill@example.org`,
    name: `Zora Quill ${tag}`,
    squatter: `Xavier Squat ${tag}`,
    locality: `Smalltown ${tag}`,
    note: `My own words ${tag}`,
  };
  const lawmaker = await insertLawmaker(`Senator Delta ${tag}`, `delta.${tag}@senate.example`);
  const campaign = await createListCampaign([lawmaker], {
    subjects: ["To {{lawmaker.name}} from {{sender.name}} of {{sender.locality}}"],
  });

  if (options.squatted) {
    // An unconfirmed send with the address, replaced by the owner's own send, which they confirm.
    const squat = new Client(server.url, `10.95.1.${nextIp++}`);
    await squat.post(
      `/campaigns/${campaign.slug}`,
      senderForm({ email, name: secrets.squatter, locality: "Elsewhere", personalNote: "" }),
    );
    // The squatter's confirmation mail went out before the owner wrote.
    await db.updateTable("outbox").set({ status: "sent" }).where("to_address", "=", email).execute();
  }
  const owner = new Client(server.url, `10.95.2.${nextIp++}`);
  expect(
    (
      await owner.post(
        `/campaigns/${campaign.slug}`,
        senderForm({ email, name: secrets.name, locality: secrets.locality, personalNote: secrets.note }),
      )
    ).status,
  ).toBe(303);
  const confirmation = (await mailsTo(email)).at(-1)!;
  expect(confirmation.text).toContain(secrets.name);
  expect(
    (await owner.post("/campaigns/confirm", { token: linkToken(confirmation.text, "/campaigns/confirm") })).status,
  ).toBe(200);

  // The worker sends everything, and the letter is delivered.
  const letters = await db.selectFrom("campaign_letters").selectAll().where("campaign_id", "=", campaign.id).execute();
  expect(letters).toHaveLength(1);
  const stamp = new Date().toISOString();
  await db.updateTable("outbox").set({ status: "sent", sent_at: stamp }).where("status", "=", "pending").execute();
  await transitionLetters(db, [letters[0].id], { from: "queued", to: "sent", now: stamp });
  await transitionLetters(db, [letters[0].id], { from: "sent", to: "delivered", now: stamp });
  for (const value of [secrets.email, secrets.name, secrets.locality, secrets.note]) {
    expect(await findEverywhere(value)).not.toEqual([]);
  }

  const result = await scrubLetters({ now: new Date(Date.now() + 91 * DAY), days: 90 });
  expect(result.senders).toBeGreaterThanOrEqual(1);

  for (const [what, value] of Object.entries(secrets)) {
    expect({ what, found: await findEverywhere(value) }).toEqual({ what, found: [] });
  }
  // What the campaign's figures need is still there.
  const [after] = await db.selectFrom("campaign_letters").selectAll().where("campaign_id", "=", campaign.id).execute();
  expect(after).toMatchObject({ status: "delivered", lawmaker_id: lawmaker, body: null });
  expect(after.subject).toContain(`Senator Delta ${tag}`);
  const copy = await db.selectFrom("outbox").selectAll().where("id", "=", after.outbox_id!).executeTakeFirstOrThrow();
  expect(copy.to_address).toBe(`delta.${tag}@senate.example`);
}
