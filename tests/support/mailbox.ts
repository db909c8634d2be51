import { db } from "../../db/connection";
import { settleBackgroundTasks } from "~/lib/background.server";

/**
 * The newest outbox message to an address, as the dev mailbox holds it, once the mails that
 * requests queue after their response (password resets) are written.
 */
export async function lastMailTo(address: string) {
  await settleBackgroundTasks();
  return db.selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("id", "desc").executeTakeFirst();
}

export function tokenFrom(text: string): string {
  const match = /token=([a-z0-9]+)/.exec(text);
  if (!match) throw new Error("no token link in the message");
  return match[1];
}
