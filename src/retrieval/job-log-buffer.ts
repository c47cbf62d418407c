/** Job log lines of many devices written together: one INSERT per flush instead of one per device. */
import type { Knex } from 'knex';
import { appendJobLogs, type NewJobLog } from '../db/queries/append-job-logs.js';

/** Where a retrieval hands its finished log lines; they are written soon, in order. */
export interface LogSink {
  add(entries: readonly NewJobLog[]): void;
}

/**
 * Buffers log rows and writes them when `maxRows` are pending or `maxDelayMs` after the first one
 * (settings logs.flush_rows and logs.flush_ms). One write at a time keeps the order. A failed write
 * is counted, not thrown: the outcomes of the devices are stored on their own rows already.
 */
export class JobLogBuffer implements LogSink {
  private pending: NewJobLog[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Rows that could not be written (the database refused or went away). */
  lost = 0;

  constructor(
    private readonly knex: Knex,
    private readonly maxRows: number,
    private readonly maxDelayMs: number,
  ) {}

  /** Queues rows; a full buffer starts a write at once, otherwise within maxDelayMs. */
  add(entries: readonly NewJobLog[]): void {
    this.pending.push(...entries);
    if (this.pending.length >= this.maxRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.maxDelayMs);
  }

  /** Writes everything queued so far (after any write already running); resolves when it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.pending;
    this.pending = [];
    this.writing = this.writing.then(async () => {
      for (let start = 0; start < rows.length; start += this.maxRows) {
        const batch = rows.slice(start, start + this.maxRows);
        await appendJobLogs(this.knex, batch).catch(() => {
          this.lost += batch.length;
        });
      }
    });
    return this.writing;
  }
}
