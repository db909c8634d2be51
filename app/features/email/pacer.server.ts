/**
 * Keeps the worker's requests to Resend under its rate limit (2 requests/s by default, per
 * account) instead of running into 429s. Two rules, whichever waits longer:
 *
 * - request starts are spaced at least 1/rate apart (plus 3 %), so a token bucket never empties;
 * - a request starts only a full second after the request `rate` places before it *ended*. When a
 *   request reaches Resend is unknown, but it is before its answer arrived, so however slow the
 *   network, no second-long window at Resend ever sees more than `rate` requests.
 *
 * One pacer per process, shared by every drain.
 */

const SPACING_MARGIN = 1.03;
const WINDOW_MS = 1_000;

interface Slot {
  ended: Promise<number>;
  end(at: number): void;
}

export class RequestPacer {
  private lastStart = Number.NEGATIVE_INFINITY;
  private recent: Slot[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private requestsPerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.setRate(requestsPerSecond);
  }

  get intervalMs(): number {
    return (1000 / this.requestsPerSecond) * SPACING_MARGIN;
  }

  /** Requests allowed in one second's window. */
  private get perWindow(): number {
    return Math.max(1, Math.floor(this.requestsPerSecond));
  }

  setRate(requestsPerSecond: number): void {
    this.requestsPerSecond = Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? requestsPerSecond : 2;
  }

  /**
   * Resolves when the caller may start its request, with the function to call once the answer
   * (or an error) came back; null when `signal` aborted the wait. Callers are served in order.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null> {
    const turn = this.queue.then(async () => {
      for (;;) {
        if (signal?.aborted) return null;
        const previous = this.recent.length >= this.perWindow ? this.recent[this.recent.length - this.perWindow] : null;
        const previousEnd = previous ? await untilAborted(previous.ended, signal) : Number.NEGATIVE_INFINITY;
        if (previousEnd === null) return null;
        const wait = Math.max(this.lastStart + this.intervalMs, previousEnd + WINDOW_MS + 2) - this.clock();
        if (wait <= 0) break;
        await sleep(wait, signal);
      }
      this.lastStart = this.clock();
      let end: (at: number) => void = () => undefined;
      const ended = new Promise<number>((resolve) => (end = resolve));
      this.recent.push({ ended, end });
      if (this.recent.length > this.perWindow) this.recent.splice(0, this.recent.length - this.perWindow);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        end(this.clock());
      };
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }
}

/** The value of `promise`, or null if `signal` aborts first. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T | null> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const onAbort = () => resolve(null);
    signal.addEventListener("abort", onAbort, { once: true });
    void promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    });
  });
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
