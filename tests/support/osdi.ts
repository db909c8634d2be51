/** Helpers of the OSDI API tests: an open letter in the database and HAL requests with a key. */
import { db } from "../../db/connection";
import type { Client } from "./app-server";

export const BASE = "/api/osdi/v1";

/** A HAL body as the tests read it: any field, any depth (the assertions check the shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read field by field
export type Hal = Record<string, any>;

export async function createOpenLetter(status: "open" | "draft" = "open") {
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

export async function osdiRequest(client: Client, path: string, token?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("OSDI-API-Token", token);
  const response = await client.request(BASE + path, { ...init, headers });
  const text = await response.text();
  // The server's edge refuses oversized or non-JSON bodies with a short page of its own.
  const json = response.headers.get("content-type")?.includes("json");
  return { status: response.status, response, body: json ? (JSON.parse(text) as Hal) : { text } };
}

export function osdiPost(
  client: Client,
  path: string,
  token: string | undefined,
  body: unknown,
  contentType = "application/json",
) {
  return osdiRequest(client, path, token, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "Content-Type": contentType },
  });
}

export const signer = (email: string, extra: Record<string, unknown> = {}) => ({
  person: {
    given_name: "Ada",
    family_name: "Lovelace",
    email_addresses: [{ address: email, primary: true }],
    postal_addresses: [{ country: "GB" }],
  },
  add_tags: ["osdi-test"],
  ...extra,
});

export async function confirmedCount(letterId: number) {
  const row = await db
    .selectFrom("open_letters")
    .select("confirmed_count")
    .where("id", "=", letterId)
    .executeTakeFirstOrThrow();
  return row.confirmed_count;
}
