/**
 * Sweeps this console runs in its own process (no daemon was alive). The console keeps
 * running while they do; quitting asks first and cancels them (devices already running finish
 * within their own timeouts, the rest are recorded as cancelled).
 */
import type { RetrievalContext } from '../retrieval/retrieval-context.js';
import type { SweepTarget } from '../retrieval/select-devices.js';
import { runSweep } from '../retrieval/sweep.js';
import type { SweepProgress } from '../retrieval/sweep-progress.js';

/** A sweep running in this process, as screens see it. */
export interface SweepHere {
  jobId: string;
  description: string;
  total: number;
  /** The latest progress event (null before the first device finished). */
  progress: SweepProgress | null;
  /** Set once the sweep ended: its status, or the error that stopped it. */
  finished: { status: string } | { error: string } | null;
}

interface Running {
  sweep: SweepHere;
  stop: AbortController;
}

export class InProcessSweeps {
  private readonly running = new Map<string, Running>();
  /** Every sweep promise not settled yet (also before its job rows exist). */
  private readonly unsettled = new Set<Promise<void>>();

  /**
   * Starts a sweep and resolves with its job id once its job rows exist (before any device
   * starts). Selection errors (NOT_FOUND …) reject here; later failures are kept on the sweep.
   */
  start(ctx: RetrievalContext, target: SweepTarget, options: { description: string; requestedBy: string; onProgress?: (sweep: SweepHere) => void }): Promise<SweepHere> {
    const stop = new AbortController();
    return new Promise<SweepHere>((resolve, reject) => {
      let entry: Running | undefined;
      const done = runSweep(ctx, {
        target,
        signal: stop.signal,
        requestedBy: options.requestedBy,
        onJobCreated: (jobId, total) => {
          entry = { sweep: { jobId, description: options.description, total, progress: null, finished: null }, stop };
          this.running.set(jobId, entry);
          resolve(entry.sweep);
        },
        onProgress: (progress) => {
          if (!entry) return;
          entry.sweep = { ...entry.sweep, progress };
          options.onProgress?.(entry.sweep);
        },
      }).then(
        (result) => {
          if (entry) entry.sweep = { ...entry.sweep, finished: { status: result.status } };
        },
        (err: unknown) => {
          if (!entry) return reject(err);
          entry.sweep = { ...entry.sweep, finished: { error: err instanceof Error ? err.message : String(err) } };
        },
      ).finally(() => {
        if (entry) {
          this.running.delete(entry.sweep.jobId);
          options.onProgress?.(entry.sweep);
        }
      });
      this.unsettled.add(done);
      void done.finally(() => this.unsettled.delete(done));
    });
  }

  /** Sweeps still running here. */
  list(): SweepHere[] {
    return [...this.running.values()].map((r) => r.sweep);
  }

  /** Stops starting devices in every sweep and waits until each has recorded its end. */
  async cancelAll(): Promise<void> {
    for (const r of this.running.values()) r.stop.abort();
    await Promise.allSettled([...this.unsettled]);
  }
}
