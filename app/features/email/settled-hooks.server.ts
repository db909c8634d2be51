import type { Kysely } from "kysely";
import type { Database } from "~db/schema";

/** How one outbox row ended in a drain: accepted by the provider, or dead-lettered `failed`. */
export interface OutboxOutcome {
  outboxId: number;
  /** True when the provider accepted the mail; false when the row was dead-lettered `failed`. */
  sent: boolean;
  providerId: string | null;
}

/** Runs inside the transaction that settles the rows, so a feature's own rows move with them. */
export type OutboxSettledHook = (
  executor: Kysely<Database>,
  outcomes: readonly OutboxOutcome[],
  now: string,
) => Promise<unknown>;

// The e-mail feature knows no other feature: whoever starts a worker (server/start.ts, the drain
// command, the tests' setup) registers what must follow a send. Kept on globalThis so the server's
// modules and the built app's copy of them share one list.
const registry = globalThis as typeof globalThis & { __outboxSettledHooks?: Set<OutboxSettledHook> };
const hooks = (registry.__outboxSettledHooks ??= new Set<OutboxSettledHook>());

export function onOutboxSettled(hook: OutboxSettledHook): void {
  hooks.add(hook);
}

export async function runOutboxSettledHooks(
  executor: Kysely<Database>,
  outcomes: readonly OutboxOutcome[],
  now: string,
): Promise<void> {
  if (outcomes.length === 0) return;
  for (const hook of hooks) await hook(executor, outcomes, now);
}
