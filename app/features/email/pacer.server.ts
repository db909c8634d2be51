/**
 * Keeps the worker's requests to Resend under its rate limit (2 requests/s by default, per
 * account) instead of running into 429s: request starts are spaced at least 1/rate apart, plus a
 * small margin for the time between leaving here and reaching Resend. One pacer per process, shared
 * by every drain; a 429's Retry-After pauses it for everyone.
 */

/** 3 % slack: at 2 requests/s, one request every 515 ms (≈ 194 mails/s in batches of 100). */
const MARGIN = 1.03;

export class RequestPacer {
  private lastStart = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private requestsPerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.setRate(requestsPerSecond);
  }

  get intervalMs(): number {
    return (1000 / this.requestsPerSecond) * MARGIN;
  }

  setRate(requestsPerSecond: number): void {
    this.requestsPerSecond = Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 2;
  }

  /** Nothing starts for the next `ms` (a 429's Retry-After). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  /**
   * Resolves true when the caller may start its request now (its start is recorded), false when
   * `signal` aborted the wait first. Callers are served one at a time, in order.
   */
  acquire(signal?: AbortSignal): Promise<boolean> {
    const turn = this.queue.then(async () => {
      for (;;) {
        if (signal?.aborted) return false;
        const wait = Math.max(this.lastStart + this.intervalMs, this.pausedUntil) - this.clock();
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
      this.lastStart = this.clock();
      return true;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** Resolves after `ms`, or as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(ms, 0));
    signal?.addEventListener("abort", done, { once: true });
  });
}

let shared: RequestPacer | undefined;

/** The process-wide pacer, at the configured rate. */
export function sharedPacer(requestsPerSecond: number): RequestPacer {
  if (!shared) shared = new RequestPacer(requestsPerSecond);
  else shared.setRate(requestsPerSecond);
  return shared;
}
