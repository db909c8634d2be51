import { db } from "../../db/connection";

/** The newest outbox message to an address, as the dev mailbox holds it. */
export async function lastMailTo(address: string) {
  return db.selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("id", "desc").executeTakeFirst();
}

export function tokenFrom(text: string): string {
  const match = /token=([a-z0-9]+)/.exec(text);
  if (!match) throw new Error("no token link in the message");
  return match[1];
}
