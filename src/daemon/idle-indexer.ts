/** The daemon's search indexer: indexes stored versions in batches while the daemon runs no job. */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { indexConfigurations } from '../db/queries/index-configurations.js';
import { errorFields } from '../jobs/logger.js';

export interface IdleIndexerOptions {
  db: Knex;
  logger: Logger;
  /** Jobs this daemon runs now: indexing waits for 0 and stops between batches when one starts. */
  running: () => number;
  /** How often an idle daemon looks for versions to index (ms, default 5,000). */
  intervalMs?: number;
}

/**
 * Sweeps store versions without search words or trigram entries (they cost PostgreSQL ~10 ms of CPU per
 * 50 KB version, which held first sweeps back); an idle daemon adds them here, one batch per statement.
 * Search finds versions not indexed yet by their content, so this only makes later searches faster.
 */
export class IdleIndexer {
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();
  private busy = false;
  private stopped = false;

  constructor(private readonly options: IdleIndexerOptions) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  /** Stops between two batches and waits for the running one. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pending;
  }

  private tick(): void {
    if (this.busy || this.stopped || this.options.running() > 0) return;
    this.busy = true;
    const { db, logger, running } = this.options;
    this.pending = indexConfigurations(db, { shouldStop: () => this.stopped || running() > 0 })
      .then((run) => {
        if (run.indexed > 0) logger.info({ indexed: run.indexed, pending: run.pending, durationMs: run.durationMs }, 'daemon: search index: configurations indexed');
      })
      // A database outage is waited out like everywhere in the daemon: the next tick tries again.
      .catch((err: unknown) => logger.warn(errorFields(err), 'daemon: search index: batch failed; retrying later'))
      .finally(() => {
        this.busy = false;
      });
  }
}
