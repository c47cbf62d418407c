/**
 * What changed in the database, for live screens: job status changes and job log lines (from
 * any process, by LISTEN/NOTIFY on the existing channels of src/jobs), and the state of the
 * connection. Notices are coalesced, so a sweep writing hundreds of batches a second costs a
 * screen one refresh per `flushMs`, and no screen ever polls a table to find out.
 */
import { SETTINGS_CHANNEL } from '../config/settings-store.js';
import { ControlConnection } from '../db/control-connection.js';
import { JOB_LOGS_CHANNEL } from '../db/queries/append-job-logs.js';
import { JOBS_CHANNEL, JOB_STATUS_CHANNEL, SCHEDULES_CHANNEL } from '../jobs/job-channels.js';

/**
 * - `jobs`: these jobs (and the parents named in the notices) got a new status or new log lines;
 *   an empty set: a job was queued (that notice names only its kind).
 * - `settings`, `schedules`: a setting or a schedule definition changed (any process).
 * - `database`: the connection was lost (`lost`) or is back (`back`); screens show a banner and
 *   refresh when it is back.
 */
export type ConsoleEvent =
  | { type: 'jobs'; jobIds: ReadonlySet<string> }
  | { type: 'settings' }
  | { type: 'schedules' }
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
  /** The LISTEN session; followers of one job's log (src/jobs/live-tail.ts) share it. */
  readonly control: ControlConnection;
  private readonly listeners = new Set<ConsoleEventListener>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private lost = false;

  constructor(private readonly options: LiveEventsOptions) {
    this.control = new ControlConnection({ url: options.url, applicationName: options.applicationName, retryMinMs: 250, retryMaxMs: 2_000 });
    // Every log follower of every SSH session listens here (50 sessions following a sweep are
    // 50 listeners on one connection): Node's leak warning at 10 would be a false alarm.
    this.control.setMaxListeners(0);
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
    await this.control.listen(JOBS_CHANNEL);
    await this.control.listen(SETTINGS_CHANNEL);
    await this.control.listen(SCHEDULES_CHANNEL);
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

  /** Listeners subscribed now (a closed session leaves none behind: tests check it). */
  get subscribers(): number {
    return this.listeners.size;
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
    // Rare (an operator's change): passed on at once.
    if (channel === SETTINGS_CHANNEL) return this.emit({ type: 'settings' });
    if (channel === SCHEDULES_CHANNEL) return this.emit({ type: 'schedules' });
    if (channel !== JOB_STATUS_CHANNEL && channel !== JOB_LOGS_CHANNEL && channel !== JOBS_CHANNEL) return;
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

/** The status and log channels carry JSON with jobId and parentJobId (see job-channels.ts, append-job-logs.ts); the queue's carries a kind. */
function jobIdsOf(payload: string | undefined): string[] {
  try {
    const value = JSON.parse(payload ?? '') as { jobId?: unknown; parentJobId?: unknown };
    return [value.jobId, value.parentJobId].filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}
