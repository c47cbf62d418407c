import type { Knex } from 'knex';
import type { ClaimedJob } from '../db/queries/claim-jobs.js';
import { isConnectionError } from '../db/connection-errors.js';
import { asDatabaseError } from '../db/pg-errors.js';
import { isNetRavenError } from '../errors.js';
import { finishJob, releaseJob, rollUpRecorded, type FinalOutcome, type FinishedParent } from './job-completion.js';
import type { JobLogWriter } from '../db/job-log-writer.js';
import { errorFields, type Logger } from './logger.js';
import { OutageTracker, sleep, waitAtMost } from './outage-tracker.js';

type Job = Pick<ClaimedJob, 'id' | 'deviceId' | 'attempts'>;

/**
 * How a worker stores what its jobs came to: the final status (only while it holds the lease),
 * the roll-up of a self-recorded device job, the release of a job back to the queue. Every
 * write is retried through a database outage, and lines go to the job log before the status
 * changes, so a follower that sees a job finished has all of its lines.
 */
export class JobResults {
  private readonly outage: OutageTracker;

  constructor(private readonly options: { db: Knex; workerId: string; writer: JobLogWriter; logger: Logger }) {
    this.outage = new OutageTracker(options.logger, 'worker');
  }

  /** Turns a handler's error into the job's failure, or 'release' when the database itself is away. */
  async failure(job: Job, err: unknown): Promise<FinalOutcome | 'release'> {
    // Only an outage we can confirm sends the job back to the queue; anything else is the
    // job's own failure (a retry loop on a job that always fails would never end).
    if (isConnectionError(err) && !(await databaseAnswers(this.options.db))) {
      this.outage.failed(err);
      this.log(job, 'warn', 'the database went away while running this job: it goes back to the queue', errorFields(err));
      return 'release';
    }
    const mapped = asDatabaseError(err) ?? err;
    const code = isNetRavenError(mapped) ? mapped.code : 'INTERNAL';
    const message = (mapped as Error)?.message ?? String(mapped);
    this.log(job, 'error', `failed: ${code}: ${message}`, { code, jobId: job.id, deviceId: job.deviceId });
    this.options.logger.warn({ jobId: job.id, deviceId: job.deviceId, code, error: message }, 'worker: job failed');
    return { status: 'failed', errorCode: code, error: message };
  }

  /** Stores the final status if this worker still holds the job. */
  async finish(job: Job, outcome: FinalOutcome): Promise<void> {
    this.log(job, outcome.status === 'failed' ? 'error' : 'info', `finished: ${outcome.status}`, { status: outcome.status, ...(outcome.progress ?? {}) });
    await this.options.writer.flush();
    const stored = await this.untilStored(() => finishJob(this.options.db, job.id, this.options.workerId, outcome), Date.now() + 60_000);
    if (!stored.ok) return;
    if (stored.value === undefined) {
      this.options.logger.warn({ jobId: job.id }, 'worker: the lease was lost before the job finished; the worker that took it over records the result');
      return;
    }
    this.options.logger.info({ jobId: job.id, deviceId: job.deviceId, status: outcome.status }, 'worker: job finished');
    this.parentFinished(stored.value.parentFinished);
  }

  /** Announces a job whose handler recorded its own status and rolls it up into its sweep. */
  async rollUp(job: Job): Promise<void> {
    await this.options.writer.flush();
    const stored = await this.untilStored(() => rollUpRecorded(this.options.db, job.id, job.attempts), Date.now() + 60_000);
    if (!stored.ok || !stored.value) return;
    this.options.logger.info({ jobId: job.id, deviceId: job.deviceId }, 'worker: job finished');
    this.parentFinished(stored.value.parentFinished);
  }

  /** Puts the job back in the queue (graceful shutdown, database outage), retrying until the deadline. */
  async release(job: Job, deadline: number): Promise<void> {
    await this.untilStored(() => releaseJob(this.options.db, job.id, this.options.workerId), deadline);
  }

  /** Writes the closing line of a sweep its last device (or the reaper) just finished. */
  parentFinished(parent: FinishedParent | undefined): void {
    if (!parent) return;
    this.log({ id: parent.id, deviceId: null }, parent.status === 'failed' ? 'error' : 'info',
      `finished: ${parent.status} (${parent.done} of ${parent.total} devices retrieved, ${parent.failed} failed)`, { status: parent.status, total: parent.total, done: parent.done, failed: parent.failed });
    void this.options.writer.flush();
    this.options.logger.info({ jobId: parent.id, ...parent }, 'worker: sweep finished');
  }

  /** Appends a line to a job's log. */
  log(job: Pick<Job, 'id' | 'deviceId'>, level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void {
    this.options.writer.write({ jobId: job.id, deviceId: job.deviceId, level, message, data });
  }

  /** Retries a write through a database outage until it is stored or the deadline passes. */
  private async untilStored<T>(write: () => Promise<T>, deadline: number): Promise<{ ok: true; value: T } | { ok: false }> {
    for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
      try {
        const value = await write();
        this.outage.succeeded();
        return { ok: true, value };
      } catch (err) {
        if (!this.outage.failed(err) || Date.now() + pause > deadline) {
          this.options.logger.error(errorFields(err), 'worker: could not store a job result; its lease will expire and another worker retries it');
          return { ok: false };
        }
        await sleep(pause);
      }
    }
  }
}

/** True when the pool can run a query within a few seconds. */
async function databaseAnswers(db: Knex): Promise<boolean> {
  let answered = false;
  await waitAtMost(db.raw('SELECT 1').then(() => (answered = true), () => undefined), 3_000);
  return answered;
}
