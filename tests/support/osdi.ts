/** Helpers of the OSDI API tests: an open letter in the database and HAL requests with a key. */
import { db } from "../../db/connection";
import type { Client } from "./app-server";
import { createOpenLetter as createLetter } from "./optin-fixtures";

export const BASE = "/api/osdi/v1";

/** A HAL body as the tests read it: any field, any depth (the assertions check the shapes). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read field by field
export type Hal = Record<string, any>;

export function createOpenLetter(status: "open" | "draft" = "open") {
  return createLetter({ status, slugPrefix: `osdi-letter-${status}`, title: "Keep encryption strong (OSDI)" });
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
