import type { Knex } from 'knex';
import { isConnectionError } from './connection-errors.js';
import { appendJobLogs, type NewJobLog } from './queries/append-job-logs.js';

export interface JobLogWriterOptions {
  /** Rows buffered before a write (logs.flush_rows). */
  flushRows: number;
  /** Milliseconds a row waits at most before a write (logs.flush_ms). */
  flushMs: number;
  /** Rows kept while the database is away; beyond this the oldest are dropped (and reported). */
  maxBuffered?: number;
  /** Told about failed writes: the outage (retried) or rows PostgreSQL refused (dropped). */
  onError?: (err: unknown, info: { rows: number; retrying: boolean }) => void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * The one job-log writer of a process: rows from every job go into one buffer, written as
 * one multi-row statement when flush_rows are waiting or the oldest waited flush_ms. Rows
 * leave in the order they were written; a failed write keeps them at the front and is
 * retried, so a database outage delays logs but loses none (up to maxBuffered).
 */
export class JobLogWriter {
  private buffer: NewJobLog[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private retryMs = 0;
  private closed = false;
  /** Rows written so far (for benchmarks and the shutdown report). */
  written = 0;
  /** Rows dropped: refused by PostgreSQL, or over maxBuffered during an outage. */
  dropped = 0;

  constructor(private readonly db: Knex, private readonly options: JobLogWriterOptions) {}

  /** Buffers one row; it is stamped now, not when it is written. */
  write(entry: NewJobLog): void {
    if (this.closed) throw new Error('job log writer is closed');
    this.buffer.push({ ...entry, createdAt: entry.createdAt ?? new Date() });
    const max = this.options.maxBuffered ?? 1_000_000;
    if (this.buffer.length > max) {
      const excess = this.buffer.splice(0, this.buffer.length - max);
      this.dropped += excess.length;
      this.options.onError?.(new Error(`job log buffer full (${max} rows): dropped the oldest ${excess.length}`), { rows: excess.length, retrying: false });
    }
    if (this.buffer.length >= this.options.flushRows && this.retryMs === 0) void this.flush();
    else this.schedule(this.retryMs || this.options.flushMs);
  }

  /** Buffers rows in order: the shape a retrieval hands its finished log lines in (LogSink). */
  add(entries: readonly NewJobLog[]): void {
    for (const entry of entries) this.write(entry);
  }

  /** Rows waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything buffered now; resolves when written or when a retry is scheduled after a connection failure. */
  flush(): Promise<void> {
    if (this.running) return this.running.then(() => (this.buffer.length > 0 && this.retryMs === 0 ? this.flush() : undefined));
    this.clearTimer();
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops accepting rows and writes what is left, retrying through an outage until the deadline. */
  async close(deadlineMs = 10_000): Promise<void> {
    this.closed = true;
    const until = Date.now() + deadlineMs;
    for (;;) {
      this.retryMs = 0;
      await this.flush();
      if (this.buffer.length === 0 || Date.now() >= until) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, until - Date.now()))));
    }
    this.clearTimer();
    if (this.buffer.length > 0) {
      this.dropped += this.buffer.length;
      this.options.onError?.(new Error(`database unavailable at shutdown: ${this.buffer.length} job log rows not written`), { rows: this.buffer.length, retrying: false });
      this.buffer = [];
    }
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const { consumed, connectionLost } = await this.writeBatch(this.buffer.slice(0, this.options.flushRows));
      this.buffer.splice(0, consumed);
      if (connectionLost) {
        this.retryMs = Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, this.retryMs * 2));
        this.schedule(this.retryMs);
        return;
      }
      this.retryMs = 0;
    }
  }

  /** Writes a batch; on a connection failure says how many rows from the front were written. */
  private async writeBatch(batch: NewJobLog[]): Promise<{ consumed: number; connectionLost: boolean }> {
    try {
      await appendJobLogs(this.db, batch);
      this.written += batch.length;
      return { consumed: batch.length, connectionLost: false };
    } catch (err) {
      if (isConnectionError(err)) {
        this.options.onError?.(err, { rows: this.buffer.length, retrying: true });
        return { consumed: 0, connectionLost: true };
      }
    }
    // PostgreSQL refused the batch (a row naming a job or device deleted meanwhile): write
    // the rows one by one so only the bad ones are lost, and say which.
    for (const [i, row] of batch.entries()) {
      try {
        await appendJobLogs(this.db, [row]);
        this.written += 1;
      } catch (err) {
        if (isConnectionError(err)) {
          this.options.onError?.(err, { rows: this.buffer.length - i, retrying: true });
          return { consumed: i, connectionLost: true };
        }
        this.dropped += 1;
        this.options.onError?.(err, { rows: 1, retrying: false });
      }
    }
    return { consumed: batch.length, connectionLost: false };
  }

  private schedule(ms: number): void {
    if (this.timer || this.buffer.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
