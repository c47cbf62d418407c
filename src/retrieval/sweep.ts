/** Sweep many devices: bounded concurrency, each device independent, progress events, cancellation. */
import type { Knex } from 'knex';
import { JobLogWriter } from '../db/job-log-writer.js';
import type { NewJobLog } from '../db/queries/append-job-logs.js';
import type { DeviceTarget } from './device-target.js';
import { failedOutcome, type DeviceOutcome } from './device-outcome.js';
import type { RetrievalContext } from './retrieval-context.js';
import { retrieveDevice } from './retrieve-device.js';
import { describeTarget, selectDevices, type SweepTarget } from './select-devices.js';
import { createSweepJobs, finishSweepJobs, heartbeat, type SweepFinish } from './sweep-jobs.js';
import { SweepTracker, type SweepProgress } from './sweep-progress.js';

export interface SweepOptions {
  target: SweepTarget;
  /** Aborting stops starting new devices; devices already running finish (bounded by their timeouts). */
  signal?: AbortSignal;
  onProgress?: (progress: SweepProgress) => void;
  requestedBy?: string;
  /** How often the parent job's counters and lease are written (default 1 s). */
  heartbeatMs?: number;
  /** Called once the sweep's job rows exist, before any device starts (the console follows the job from then on). */
  onJobCreated?: (jobId: string, total: number) => void;
}

export interface SweepResult {
  jobId: string;
  status: SweepFinish['status'];
  total: number;
  changed: number;
  unchanged: number;
  failed: number;
  /** Devices never started because the sweep was cancelled. */
  notStarted: number;
  failuresByCode: Record<string, number>;
  outcomes: DeviceOutcome[];
  durationMs: number;
  devicesPerSecond: number;
}

function parentLog(jobId: string, message: string, data: Record<string, unknown>, level: NewJobLog['level'] = 'info'): NewJobLog {
  return { jobId, level, message, data, createdAt: new Date() };
}

function finishOf(tracker: SweepTracker, cancelled: boolean): Omit<SweepFinish, 'logs'> {
  const { done, failed } = tracker;
  const status = cancelled ? 'cancelled' : failed === 0 ? 'succeeded' : failed === done ? 'failed' : 'partially_succeeded';
  const mostFrequent = Object.entries(tracker.failuresByCode).sort(([, x], [, y]) => y - x)[0]?.[0] ?? null;
  return { status, done, failed, errorCode: mostFrequent, error: failed === 0 ? null : `${failed} of ${tracker.total} devices failed: ${tracker.describeFailures()}` };
}

/** Selects the target's devices and sweeps them as one retrieval job with a child job per device. */
export async function runSweep(ctx: RetrievalContext, options: SweepOptions): Promise<SweepResult> {
  const devices = await selectDevices(ctx.knex, options.target);
  return sweepDevices(ctx, devices, options);
}

/** Sweeps the given devices (see runSweep); never more than ctx.concurrency at once. */
export async function sweepDevices(ctx: RetrievalContext, devices: DeviceTarget[], options: SweepOptions): Promise<SweepResult> {
  const description = describeTarget(options.target);
  const jobs = await createSweepJobs(ctx.knex, devices, { ...options.target, description }, { workerId: ctx.workerId, leaseSeconds: ctx.leaseSeconds, requestedBy: options.requestedBy });
  const concurrency = Math.max(1, Math.min(ctx.concurrency, devices.length));
  const logs = new JobLogWriter(ctx.knex, { flushRows: ctx.logFlushRows, flushMs: ctx.logFlushMs });
  logs.add([parentLog(jobs.parentId, `sweep of ${description}: ${devices.length} devices, ${concurrency} at a time`, { step: 'sweep-started', total: devices.length, concurrency, worker: ctx.workerId })]);
  const tracker = new SweepTracker(jobs.parentId, devices.length);
  try {
    options.onJobCreated?.(jobs.parentId, devices.length);
  } catch {
    // A faulty listener must not break the sweep.
  }
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  if (options.signal?.aborted) stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const emit = (progress: SweepProgress) => {
    try {
      options.onProgress?.(progress);
    } catch {
      // A faulty listener must not break the sweep.
    }
  };
  const stopHeartbeat = startHeartbeat(ctx.knex, tracker, ctx.leaseSeconds, options.heartbeatMs ?? 1000, () => stop.abort());

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < devices.length) {
      const device = devices[next++]!;
      const jobId = jobs.childOf.get(device.id)!;
      tracker.start();
      const startedAt = new Date();
      // retrieveDevice returns device failures; a rejection means the outcome could not be written.
      const outcome = await retrieveDevice(ctx, device, jobId, { logSink: logs }).catch((err: unknown) =>
        failedOutcome({ jobId, deviceId: device.id, hostname: device.hostname, startedAt }, 'INTERNAL', `the outcome could not be recorded: ${err instanceof Error ? err.message : String(err)}`),
      );
      emit(tracker.finish(outcome));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await stopHeartbeat();
    await logs.close();
  }

  const notStarted = devices.length - tracker.done;
  const finish = finishOf(tracker, notStarted > 0);
  const elapsedMs = tracker.elapsedMs();
  const summary = `sweep ${finish.status}: ${tracker.changed} changed, ${tracker.unchanged} unchanged, ${tracker.failed} failed${notStarted > 0 ? `, ${notStarted} not started` : ''} in ${(elapsedMs / 1000).toFixed(1)} s`;
  const lost = logs.dropped > 0 ? `; ${logs.dropped} device log lines could not be written` : '';
  const closing = [parentLog(jobs.parentId, `${summary}${lost}`, { step: 'sweep-finished', ...tracker.snapshot(), failuresByCode: tracker.failuresByCode, notStarted }, tracker.failed > 0 || lost ? 'warn' : 'info')];
  await finishSweepJobs(ctx.knex, jobs.parentId, { ...finish, logs: closing });
  return {
    jobId: jobs.parentId,
    status: finish.status,
    total: devices.length,
    changed: tracker.changed,
    unchanged: tracker.unchanged,
    failed: tracker.failed,
    notStarted,
    failuresByCode: tracker.failuresByCode,
    outcomes: tracker.outcomes,
    durationMs: elapsedMs,
    devicesPerSecond: elapsedMs > 0 ? (tracker.done * 1000) / elapsedMs : 0,
  };
}

/** Writes counters and renews the lease every intervalMs (one write at a time); an operator's cancel request aborts. */
function startHeartbeat(knex: Knex, tracker: SweepTracker, leaseSeconds: number, intervalMs: number, onCancelRequested: () => void): () => Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    pending = heartbeat(knex, tracker.jobId, tracker.done, tracker.failed, leaseSeconds)
      .then((cancel) => {
        if (cancel) onCancelRequested();
      })
      // A missed heartbeat is retried on the next tick; the finish writes the final counts anyway.
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await pending;
  };
}
