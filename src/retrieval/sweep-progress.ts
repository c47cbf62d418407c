/** Counters of a running sweep and the progress events built from them. */
import type { DeviceOutcome } from './device-outcome.js';

export interface SweepProgress {
  jobId: string;
  total: number;
  /** Devices finished, whatever the outcome (failed ones included). */
  done: number;
  failed: number;
  changed: number;
  unchanged: number;
  /** Devices being retrieved right now. */
  running: number;
  elapsedMs: number;
  /** Finished devices per second since the sweep started. */
  ratePerSecond: number;
  /** Failed devices by error code (a copy: later events do not change it). */
  failuresByCode: Record<string, number>;
  /** The device that just finished, when the event is about one. */
  last?: DeviceOutcome;
}

/** Keeps the counts; one instance per sweep. */
export class SweepTracker {
  done = 0;
  failed = 0;
  changed = 0;
  unchanged = 0;
  running = 0;
  readonly failuresByCode: Record<string, number> = {};
  readonly outcomes: DeviceOutcome[] = [];
  private readonly startedAt = performance.now();

  constructor(
    readonly jobId: string,
    readonly total: number,
  ) {}

  /** A device begins. */
  start(): void {
    this.running += 1;
  }

  /** A device ended; returns the progress event to emit. */
  finish(outcome: DeviceOutcome): SweepProgress {
    this.running -= 1;
    this.done += 1;
    this.outcomes.push(outcome);
    if (outcome.status === 'changed') this.changed += 1;
    else if (outcome.status === 'unchanged') this.unchanged += 1;
    else {
      this.failed += 1;
      const code = outcome.errorCode ?? 'INTERNAL';
      this.failuresByCode[code] = (this.failuresByCode[code] ?? 0) + 1;
    }
    return this.snapshot(outcome);
  }

  /** Milliseconds since the sweep started. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** The current counts as an event. */
  snapshot(last?: DeviceOutcome): SweepProgress {
    const elapsedMs = this.elapsedMs();
    return {
      jobId: this.jobId,
      total: this.total,
      done: this.done,
      failed: this.failed,
      changed: this.changed,
      unchanged: this.unchanged,
      running: this.running,
      elapsedMs,
      ratePerSecond: elapsedMs > 0 ? (this.done * 1000) / elapsedMs : 0,
      failuresByCode: { ...this.failuresByCode },
      last,
    };
  }

  /** "AUTH_FAILED 2, TIMEOUT 1", most frequent first. */
  describeFailures(): string {
    return Object.entries(this.failuresByCode)
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .map(([code, count]) => `${code} ${count}`)
      .join(', ');
  }
}
