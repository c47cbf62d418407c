import type { Knex } from 'knex';
import { heartbeatJobs } from '../db/queries/heartbeat-jobs.js';
import { OutageTracker } from './outage-tracker.js';
import { errorFields, type Logger } from './logger.js';

export interface LeaseHeartbeatOptions {
  db: Knex;
  owner: string;
  leaseSeconds: number;
  logger: Logger;
  /** The jobs to extend right now. */
  held(): string[];
  /** A held job is no longer ours (another worker reclaimed it after our lease expired). */
  onLost(jobId: string): void;
  /** Someone asked to cancel a held job. */
  onCancelRequested(jobId: string): void;
}

/**
 * Extends the leases of every job a worker holds, three times per lease, in one statement.
 * During a database outage the beats fail and are logged once; the leases are extended again
 * on the first beat after it (claimed work is not lost unless another worker took it meanwhile).
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  private readonly outage: OutageTracker;

  constructor(private readonly options: LeaseHeartbeatOptions) {
    this.outage = new OutageTracker(options.logger, 'lease heartbeat');
  }

  /** Starts beating every leaseSeconds / 3. */
  start(): void {
    this.timer = setInterval(() => void this.beat(), Math.max(250, (this.options.leaseSeconds * 1000) / 3));
  }

  /** Stops beating (after the worker released or finished everything). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** One beat now (also used right after a claim of many jobs). */
  beat(): Promise<void> {
    this.beating ??= this.doBeat().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  private async doBeat(): Promise<void> {
    const ids = this.options.held();
    if (ids.length === 0) return;
    try {
      const rows = await heartbeatJobs(this.options.db, this.options.owner, ids, this.options.leaseSeconds);
      this.outage.succeeded();
      const kept = new Map(rows.map((row) => [row.id, row.cancelRequested]));
      for (const id of ids) {
        const cancel = kept.get(id);
        if (cancel === undefined) this.options.onLost(id);
        else if (cancel) this.options.onCancelRequested(id);
      }
    } catch (err) {
      if (!this.outage.failed(err)) this.options.logger.error(errorFields(err), 'lease heartbeat failed');
    }
  }
}
