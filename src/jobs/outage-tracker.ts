import { isConnectionError } from '../db/connection-errors.js';
import { errorFields, type Logger } from './logger.js';

/**
 * Turns a stream of failed and successful database calls into two log lines per outage
 * ("database unreachable", "reachable again after 10.2 s") instead of one per retry.
 */
export class OutageTracker {
  private since: number | undefined;

  constructor(private readonly logger: Logger, private readonly what: string) {}

  /** True while the last call failed for lack of a database. */
  get down(): boolean {
    return this.since !== undefined;
  }

  /** Records a failure; returns true when it was a connection failure (retry later), false for any other error. */
  failed(err: unknown): boolean {
    if (!isConnectionError(err)) return false;
    if (this.since === undefined) {
      this.since = Date.now();
      this.logger.warn({ component: this.what, ...errorFields(err) }, `${this.what}: database unreachable; retrying until it is back`);
    }
    return true;
  }

  /** Records a success; logs the end of an outage. */
  succeeded(): void {
    if (this.since === undefined) return;
    const seconds = (Date.now() - this.since) / 1000;
    this.since = undefined;
    this.logger.info({ component: this.what, outageSeconds: seconds }, `${this.what}: database reachable again after ${seconds.toFixed(1)} s`);
  }
}

/** Waits ms, or less if the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Waits for promise, but at most ms; the timer never outlives the wait (it would keep a stopping process alive). */
export async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  const timeout = new AbortController();
  try {
    await Promise.race([promise, sleep(ms, timeout.signal)]);
  } finally {
    timeout.abort();
  }
}
