/**
 * What changed in the database, for live screens: job status changes and job log lines (from
 * any process, by LISTEN/NOTIFY on the existing channels of src/jobs), and the state of the
 * connection. Notices are coalesced, so a sweep writing hundreds of batches a second costs a
 * screen one refresh per `flushMs`, and no screen ever polls a table to find out.
 */
import { ControlConnection } from '../db/control-connection.js';
import { JOB_LOGS_CHANNEL } from '../db/queries/append-job-logs.js';
import { JOB_STATUS_CHANNEL } from '../jobs/job-channels.js';

/**
 * - `jobs`: these jobs (and the parents named in the notices) got a new status or new log lines.
 * - `database`: the connection was lost (`lost`) or is back (`back`); screens show a banner and
 *   refresh when it is back.
 */
export type ConsoleEvent =
  | { type: 'jobs'; jobIds: ReadonlySet<string> }
  | { type: 'database'; state: 'lost' | 'back' };

export type ConsoleEventListener = (event: ConsoleEvent) => void;

export interface LiveEventsOptions {
  url: string;
  /** application_name of the listening session; never the daemons' prefix (they are counted by it). */
  applicationName: string;
  /** Notices within this window become one event (ms, default 100). */
  flushMs?: number;
}

/** One LISTEN session per console process, shared by every screen (and every SSH session). */
export class LiveEvents {
  private readonly control: ControlConnection;
  private readonly listeners = new Set<ConsoleEventListener>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(private readonly options: LiveEventsOptions) {
    this.control = new ControlConnection({ url: options.url, applicationName: options.applicationName, retryMinMs: 250, retryMaxMs: 2_000 });
    this.control.on('notification', (channel, payload) => this.notice(channel, payload));
    this.control.on('disconnected', () => {
      if (this.lost) return;
      this.lost = true;
      this.emit({ type: 'database', state: 'lost' });
    });
    this.control.on('connected', () => {
      if (!this.lost) return;
      this.lost = false;
      this.emit({ type: 'database', state: 'back' });
    });
  }

  /** Connects and LISTENs (a database that is down now is retried in the background). */
  async start(): Promise<void> {
    await this.control.listen(JOB_STATUS_CHANNEL);
    await this.control.listen(JOB_LOGS_CHANNEL);
    await this.control.start();
    if (!this.control.connected && !this.lost) {
      this.lost = true;
      this.emit({ type: 'database', state: 'lost' });
    }
  }

  /** Calls the listener for every event until the returned function is called. */
  subscribe(listener: ConsoleEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** True while the LISTEN session is down. */
  get databaseLost(): boolean {
    return this.lost;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
    await this.control.stop();
  }

  private notice(channel: string, payload: string | undefined): void {
    if (channel !== JOB_STATUS_CHANNEL && channel !== JOB_LOGS_CHANNEL) return;
    for (const id of jobIdsOf(payload)) this.pending.add(id);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const jobIds = this.pending;
      this.pending = new Set();
      this.emit({ type: 'jobs', jobIds });
    }, this.options.flushMs ?? 100);
  }

  private emit(event: ConsoleEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty screen must not stop the others from hearing about changes.
      }
    }
  }
}

/** Both channels carry JSON with jobId and parentJobId (see job-channels.ts, append-job-logs.ts). */
function jobIdsOf(payload: string | undefined): string[] {
  try {
    const value = JSON.parse(payload ?? '') as { jobId?: unknown; parentJobId?: unknown };
    return [value.jobId, value.parentJobId].filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
