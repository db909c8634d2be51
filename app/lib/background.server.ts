/**
 * Work a request starts but does not wait for (e.g. rendering and queueing a mail whose existence
 * must not show in the response time). Failures are logged, never thrown at the request.
 * `settleBackgroundTasks` waits for what is still running: graceful shutdown and tests use it.
 */
import { logger } from "~/features/security/log.server";

// On globalThis so that the server build and code imported beside it share one list.
const globalForTasks = globalThis as unknown as { __hubBackgroundTasks?: Set<Promise<void>> };
const pending = (globalForTasks.__hubBackgroundTasks ??= new Set());

/**
 * Runs `task` once the current request is done with the CPU: `delayMs` later (so that it does not
 * slow the response that started it, which would show in its timing), or on the next turn.
 */
export function runInBackground(name: string, task: () => Promise<void>, delayMs = 0): void {
  const promise: Promise<void> = new Promise<void>((resolve) =>
    delayMs > 0 ? setTimeout(resolve, delayMs).unref() : setImmediate(resolve),
  )
    .then(task)
    .catch((error: unknown) => {
      logger.error({ err: error, task: name }, "background task failed");
    })
    .finally(() => {
      pending.delete(promise);
    });
  pending.add(promise);
}

export async function settleBackgroundTasks(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}
