import type { OutboxRow, User } from "../../../db/schema";
import { loadConfig } from "../../config.server";
import { getOutboxMessage, SECRET_LINK_TEMPLATES } from "./outbox.server";

export type MailboxMessage = OutboxRow & { bodyHidden: boolean };

/**
 * A message as a staff member may read it. A body with an access link (an invitation, a password
 * reset) would let its reader take the recipient's place, possibly an administrator's: only an
 * administrator reads those, only in the development mailbox (no provider configured, so the
 * mailbox is the only way the link reaches anyone), and anyone reads their own.
 */
export async function getMailboxMessage(viewer: User, id: number): Promise<MailboxMessage | undefined> {
  const message = await getOutboxMessage(id);
  if (!message) return undefined;
  const devMailbox = !loadConfig().resendApiKey;
  const ownMail = message.to_address === viewer.email;
  const hidden = SECRET_LINK_TEMPLATES.has(message.template) && !ownMail && !(devMailbox && viewer.role === "admin");
  return hidden ? { ...message, html: "", text: "", bodyHidden: true } : { ...message, bodyHidden: false };
}
