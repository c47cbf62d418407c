import type { Knex } from 'knex';
import type { ControlConnection } from '../db/control-connection.js';
import { JOB_LOGS_CHANNEL, parseJobLogsNotice } from '../db/queries/append-job-logs.js';
import { jobLogsAfter, type JobLogLine } from '../db/queries/job-logs-after.js';
import { JOB_STATUS_CHANNEL } from './job-channels.js';
import { getJob } from './job-queue.js';
import { sleep } from './outage-tracker.js';

export interface FollowOptions {
  db: Knex;
  /** A control connection of this process: the LISTEN happens on it. */
  control: ControlConnection;
  jobId: string;
  /** Print lines after this id (default: the whole log). */
  afterId?: string;
  onLines(lines: JobLogLine[]): void;
  /** Stops following early (Ctrl-C). */
  signal?: AbortSignal;
  /** After the job finished, wait this long for its last lines (written by another process). */
  settleMs?: number;
  /** Re-read without a notification this often (lines inserted outside appendJobLogs, a lost notification). */
  pollMs?: number;
}

const FINISHED = new Set(['succeeded', 'partially_succeeded', 'failed', 'cancelled']);

/**
 * Streams a job's log (a sweep's includes its devices) until the job has finished: LISTEN
 * first, then read what is there, then read "rows after the last id" whenever a notification
 * names the job or one of its children. Writers make ids visible in order (append-job-logs.ts),
 * so the cursor never skips a line. Resolves with the job's final status.
 */
export async function followJobLogs(options: FollowOptions): Promise<{ status: string }> {
  const { db, control, jobId, signal } = options;
  let cursor = options.afterId ?? '0';
  let wake: (() => void) | undefined;
  let pending = true;
  const nudge = () => {
    pending = true;
    wake?.();
  };
  const onNotification = (channel: string, payload: string | undefined) => {
    if (channel !== JOB_LOGS_CHANNEL && channel !== JOB_STATUS_CHANNEL) return;
    // Both channels carry { jobId, parentJobId, ... }: lines written, or the status changed.
    const notice = parseJobLogsNotice(payload) ?? parseStatusNotice(payload);
    if (notice && (notice.jobId === jobId || notice.parentJobId === jobId)) nudge();
  };
  control.on('notification', onNotification);
  control.on('connected', nudge);
  signal?.addEventListener('abort', nudge);
  const poller = setInterval(nudge, options.pollMs ?? 2_000);
  try {
    await control.listen(JOB_LOGS_CHANNEL);
    await control.listen(JOB_STATUS_CHANNEL);
    await getJob(db, jobId);
    let finishedAt: number | undefined;
    for (;;) {
      if (pending) {
        pending = false;
        cursor = await readAll(db, jobId, cursor, options.onLines, signal);
      }
      if (signal?.aborted) return { status: (await getJob(db, jobId)).status };
      const job = await getJob(db, jobId);
      if (FINISHED.has(job.status)) {
        finishedAt ??= Date.now();
        const left = (options.settleMs ?? 1_000) - (Date.now() - finishedAt);
        if (left <= 0) {
          await readAll(db, jobId, cursor, options.onLines);
          return { status: job.status };
        }
        await waitFor(left);
      } else {
        await waitFor(options.pollMs ?? 2_000);
      }
    }
  } finally {
    clearInterval(poller);
    control.off('notification', onNotification);
    control.off('connected', nudge);
    signal?.removeEventListener('abort', nudge);
  }

  function waitFor(ms: number): Promise<void> {
    if (pending) return Promise.resolve();
    const controller = new AbortController();
    wake = () => controller.abort();
    return sleep(ms, controller.signal).finally(() => {
      wake = undefined;
    });
  }
}

/** Reads and hands over every line after the cursor (until aborted); returns the new cursor. */
async function readAll(db: Knex, jobId: string, cursor: string, onLines: (lines: JobLogLine[]) => void, signal?: AbortSignal): Promise<string> {
  while (!signal?.aborted) {
    const lines = await jobLogsAfter(db, jobId, cursor);
    if (lines.length === 0) return cursor;
    onLines(lines);
    cursor = lines[lines.length - 1]!.id;
    if (lines.length < 1000) return cursor;
  }
  return cursor;
}

function parseStatusNotice(payload: string | undefined): { jobId: string; parentJobId: string | null } | undefined {
  try {
    const value = JSON.parse(payload ?? '') as { jobId?: unknown; parentJobId?: unknown };
    return typeof value.jobId === 'string' ? { jobId: value.jobId, parentJobId: typeof value.parentJobId === 'string' ? value.parentJobId : null } : undefined;
  } catch {
    return undefined;
  }
}
