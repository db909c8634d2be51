import type { OutboxRow, User } from "~db/schema";
import { loadConfig } from "~/config.server";
import { getOutboxMessage } from "~/features/email/outbox.server";

/**
 * The links whose token acts for their recipient: they open an account, reset a password, or
 * complete (or undo) someone's opt-in. Whoever holds one can do it in the recipient's place.
 * A new mail with such a link needs its path here.
 */
export const TOKEN_LINK_KINDS = [
  { kind: "invitation", path: "/invitations/accept" },
  { kind: "password-reset", path: "/reset-password" },
  { kind: "signature-confirm", path: "/letters/confirm" },
  { kind: "signature-withdraw", path: "/letters/withdraw" },
  { kind: "rsvp-confirm", path: "/events/rsvp/confirm" },
  { kind: "campaign-confirm", path: "/campaigns/confirm" },
  { kind: "application-confirm", path: "/coalition/apply/confirm" },
] as const;
export type TokenLinkKind = (typeof TOKEN_LINK_KINDS)[number]["kind"];

/** The kinds of token-bearing link a message's body holds (in either version). */
export function tokenLinkKinds(message: Pick<OutboxRow, "html" | "text">): TokenLinkKind[] {
  return TOKEN_LINK_KINDS.filter(({ path }) => {
    const link = `${path}?token=`;
    return message.text.includes(link) || message.html.includes(link);
  }).map(({ kind }) => kind);
}

export type MailboxMessage = OutboxRow & { bodyHidden: boolean; hiddenLinkKinds: TokenLinkKind[] };

/**
 * A message as a staff member may read it. A body with a token-bearing link (TOKEN_LINK_KINDS)
 * would let its reader take the recipient's place: accept their invitation, reset their password
 * (possibly an administrator's), or confirm or withdraw a signature, an RSVP, letters to lawmakers
 * or a coalition application they never meant to. Only an administrator reads those, and only in
 * the development mailbox (no provider configured, so the mailbox is the only way the link reaches
 * anyone); staff never do; anyone reads their own.
 */
export async function getMailboxMessage(viewer: User, id: number): Promise<MailboxMessage | undefined> {
  const message = await getOutboxMessage(id);
  if (!message) return undefined;
  const kinds = tokenLinkKinds(message);
  const devMailbox = !loadConfig().resendApiKey;
  const ownMail = message.to_address === viewer.email;
  const hidden = kinds.length > 0 && !ownMail && !(devMailbox && viewer.role === "admin");
  return hidden
    ? { ...message, html: "", text: "", bodyHidden: true, hiddenLinkKinds: kinds }
    : { ...message, bodyHidden: false, hiddenLinkKinds: [] };
}
