import { moveLettersForOutbox } from "../app/features/campaigns/delivery.server";
import { onOutboxSettled } from "../app/features/email/settled-hooks.server";

/** What follows a send, for every process that drains the outbox: campaign letters move with their mail. */
export function registerOutboxHooks(): void {
  onOutboxSettled(moveLettersForOutbox);
}
