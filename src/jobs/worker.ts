import type { Knex } from 'knex';
import type { ControlConnection } from '../db/control-connection.js';
import type { ClaimedJob } from '../db/queries/claim-jobs.js';
import { claimJobs } from '../db/queries/claim-jobs.js';
import { NetRavenError } from '../errors.js';
import { closeOrphanedSweeps, expireJobs } from './expire-jobs.js';
import { JOBS_CHANNEL } from './job-channels.js';
import type { JobContext, JobHandlerRegistry, JobOutcome } from './job-handler.js';
import type { JobLogWriter } from '../db/job-log-writer.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { errorFields, type Logger } from './logger.js';
import { JobResults } from './job-results.js';
import { OutageTracker, waitAtMost } from './outage-tracker.js';

export interface WorkerOptions {
  db: Knex;
  /** Lease owner: unique per process (host, pid, random). */
  workerId: string;
  registry: JobHandlerRegistry;
  writer: JobLogWriter;
  logger: Logger;
  /** Jobs run at the same time (retrieval.concurrency). */
  concurrency: number;
  leaseSeconds: number;
  maxAttempts: number;
  /** Woken by NOTIFY on this connection; without it the worker only polls. */
  control?: ControlConnection;
  /** Poll for due, expired and missed work (NOTIFY is the fast path). */
  pollMs?: number;
  /** Jobs claimed per statement: small, so the devices of a sweep spread over every daemon. */
  claimBatch?: number;
  /** The kinds to claim now (default: every registered kind); a daemon whose keyring fails leaves out retrieval. */
  claimableKinds?: () => readonly string[];
}

interface InFlight {
  job: ClaimedJob;
  controller: AbortController;
  cancelRequested: boolean;
  /** Released or lost: whatever the handler returns is not written. */
  abandoned: boolean;
  finishing: boolean;
  promise: Promise<void>;
}

/**
 * Claims jobs of the registered kinds and runs them, up to `concurrency` at a time, holding
 * each by a lease kept alive by LeaseHeartbeat. Stopping stops the claiming, lets running jobs
 * finish until the deadline, then puts the rest back in the queue for another worker.
 */
export class Worker {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly heartbeat: LeaseHeartbeat;
  private readonly outage: OutageTracker;
  private readonly results: JobResults;
  private pollTimer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> | undefined;
  private again = false;
  private stopping = false;
  private lastReap = 0;
  private readonly onNotification = (channel: string) => {
    if (channel === JOBS_CHANNEL) this.wake();
  };

  constructor(private readonly options: WorkerOptions) {
    this.outage = new OutageTracker(options.logger, 'worker');
    this.results = new JobResults(options);
    this.heartbeat = new LeaseHeartbeat({
      db: options.db,
      owner: options.workerId,
      leaseSeconds: options.leaseSeconds,
      logger: options.logger,
      held: () => [...this.inFlight.values()].filter((f) => !f.abandoned).map((f) => f.job.id),
      onLost: (id) => this.lost(id),
      onCancelRequested: (id) => {
        const entry = this.inFlight.get(id);
        if (entry) entry.cancelRequested = true;
      },
    });
  }

  /**
   * Changes how many jobs run at once and the attempt limit while running (settings changed
   * under a running daemon). Jobs already running above a lowered concurrency finish; no new
   * one is claimed until there is room.
   */
  configure(limits: { concurrency?: number; maxAttempts?: number }): void {
    if (limits.concurrency !== undefined) this.options.concurrency = limits.concurrency;
    if (limits.maxAttempts !== undefined) this.options.maxAttempts = limits.maxAttempts;
    this.wake();
  }

  /** Jobs running now. */
  get running(): number {
    return this.inFlight.size;
  }

  /** Starts claiming: now, on every NOTIFY, and every pollMs. */
  async start(): Promise<void> {
    if (this.options.control) {
      this.options.control.on('notification', this.onNotification);
      this.options.control.on('connected', () => this.wake());
      await this.options.control.listen(JOBS_CHANNEL);
    }
    this.heartbeat.start();
    this.pollTimer = setInterval(() => this.wake(), this.options.pollMs ?? 1_000);
    this.wake();
  }

  /** Claims now if there is room (coalesces bursts of notifications into one claim loop). */
  wake(): void {
    if (this.stopping) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = this.claimLoop().finally(() => {
      this.claiming = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Stops claiming, waits up to deadlineMs for running jobs, then releases the rest to the queue. */
  async stop(deadlineMs: number): Promise<{ finished: number; released: number }> {
    this.stopping = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.options.control?.off('notification', this.onNotification);
    await this.claiming;
    const started = this.inFlight.size;
    await waitAtMost(Promise.allSettled([...this.inFlight.values()].map((f) => f.promise)), deadlineMs);
    const left = [...this.inFlight.values()].filter((f) => !f.finishing);
    for (const entry of left) {
      entry.abandoned = true;
      entry.controller.abort(new NetRavenError('TIMEOUT', 'the daemon is shutting down'));
      await this.results.release(entry.job, Date.now() + 5_000);
      this.log(entry.job, 'warn', `released at shutdown by ${this.options.workerId}: another worker will run it`, { worker: this.options.workerId });
    }
    await this.heartbeat.stop();
    await waitAtMost(Promise.allSettled([...this.inFlight.values()].map((f) => f.promise)), 2_000);
    return { finished: started - left.length, released: left.length };
  }

  private async claimLoop(): Promise<void> {
    try {
      await this.reapIfDue();
      const kinds = this.options.claimableKinds?.() ?? this.options.registry.kinds();
      if (kinds.length === 0) return;
      for (;;) {
        const free = this.options.concurrency - this.inFlight.size;
        if (this.stopping || free <= 0) return;
        const want = Math.min(free, this.options.claimBatch ?? 5);
        const jobs = await claimJobs(this.options.db, this.options.workerId, kinds, want, this.options.leaseSeconds, this.options.maxAttempts);
        this.outage.succeeded();
        for (const job of jobs) this.run(job);
        if (jobs.length < want) return;
      }
    } catch (err) {
      if (!this.outage.failed(err)) this.options.logger.error(errorFields(err), 'worker: claiming jobs failed');
    }
  }

  private async reapIfDue(): Promise<void> {
    if (Date.now() - this.lastReap < (this.options.pollMs ?? 1_000)) return;
    this.lastReap = Date.now();
    for (const expired of await expireJobs(this.options.db, this.options.maxAttempts)) {
      this.log({ id: expired.id, deviceId: expired.deviceId }, expired.status === 'failed' ? 'error' : 'warn', expired.reason, { code: expired.status === 'failed' ? 'JOB_LEASE_EXPIRED' : undefined, attempts: expired.attempts, previousWorker: expired.previousOwner });
      this.options.logger.warn({ jobId: expired.id, deviceId: expired.deviceId, status: expired.status }, `worker: ${expired.reason}`);
      this.results.parentFinished(expired.parentFinished);
    }
    for (const parent of await closeOrphanedSweeps(this.options.db)) this.results.parentFinished(parent);
  }

  private run(job: ClaimedJob): void {
    const entry: InFlight = { job, controller: new AbortController(), cancelRequested: false, abandoned: false, finishing: false, promise: Promise.resolve() };
    this.inFlight.set(job.id, entry);
    const { workerId, maxAttempts } = this.options;
    this.log(job, 'info', job.previousOwner
      ? `claimed again by ${workerId} (attempt ${job.attempts} of ${maxAttempts}): ${job.previousOwner} stopped renewing its lease`
      : `started on ${workerId}`, { worker: workerId, attempt: job.attempts });
    this.options.logger.info({ jobId: job.id, kind: job.kind, deviceId: job.deviceId, attempt: job.attempts }, 'worker: job claimed');
    const context: JobContext = {
      job,
      db: this.options.db,
      workerId,
      signal: entry.controller.signal,
      cancelRequested: () => entry.cancelRequested,
      log: (level, message, data, deviceId) => this.log({ id: job.id, deviceId: deviceId === undefined ? job.deviceId : deviceId }, level, message, data),
      writeLogs: (rows) => rows.forEach((row) => this.options.writer.write(row)),
    };
    entry.promise = this.execute(entry, context).finally(() => {
      this.inFlight.delete(job.id);
      this.wake();
    });
  }

  private async execute(entry: InFlight, context: JobContext): Promise<void> {
    let outcome: JobOutcome | 'release';
    try {
      outcome = await this.options.registry.get(entry.job.kind)(context);
    } catch (err) {
      outcome = entry.abandoned ? { status: 'failed' } : await this.results.failure(entry.job, err);
    }
    if (entry.abandoned) return;
    if (outcome === 'release' || outcome.status === 'released') {
      entry.finishing = true;
      if (outcome !== 'release') {
        this.log(entry.job, 'warn', `released by ${this.options.workerId}: ${outcome.reason}; another worker will run it`, { worker: this.options.workerId });
        this.options.logger.warn({ jobId: entry.job.id, deviceId: entry.job.deviceId, reason: outcome.reason }, 'worker: job released');
      }
      await this.results.release(entry.job, Date.now() + 60_000);
      return;
    }
    // A sweep just handed to its devices: its lines go out now, not flush_ms later.
    if (outcome.status === 'delegated') return void this.options.writer.flush();
    entry.finishing = true;
    if (outcome.status === 'recorded') await this.results.rollUp(entry.job);
    else await this.results.finish(entry.job, outcome);
  }

  private lost(jobId: string): void {
    const entry = this.inFlight.get(jobId);
    if (!entry || entry.finishing || entry.abandoned) return;
    entry.abandoned = true;
    entry.controller.abort(new NetRavenError('JOB_LEASE_EXPIRED', 'another worker took this job over'));
    this.options.logger.warn({ jobId }, 'worker: lease lost to another worker; abandoning the job');
  }

  private log(job: { id: string; deviceId: string | null }, level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void {
    this.results.log(job, level, message, data);
  }
}
