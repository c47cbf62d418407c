import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { SettingKey, Settings } from '../config/settings.js';
import { loadSettings, SCHEDULE_SETTINGS } from '../config/settings-store.js';
import { LOCKS } from '../db/advisory-locks.js';
import type { Database } from '../db/connection.js';
import { ControlConnection } from '../db/control-connection.js';
import { SCHEDULES_CHANNEL } from '../jobs/job-channels.js';
import type { JobHandlerRegistry } from '../jobs/job-handler.js';
import { JobLogWriter } from '../db/job-log-writer.js';
import { LeaderLock } from '../jobs/leader-lock.js';
import { errorFields } from '../jobs/logger.js';
import { Scheduler } from '../jobs/scheduler.js';
import { Worker } from '../jobs/worker.js';
import { daemonApplicationName } from './daemon-liveness.js';
import { IdleIndexer } from './idle-indexer.js';
import type { KeyringMonitor } from './keyring-monitor.js';
import { SettingsWatcher } from './settings-watcher.js';

export interface DaemonOptions {
  /** Lease owner and log field; default newDaemonId(). */
  id?: string;
  database: Database;
  logger: Logger;
  registry: JobHandlerRegistry;
  /** Jobs at a time; default retrieval.concurrency. */
  concurrency?: number;
  /** Compete for the scheduler leadership (default true). */
  scheduler?: boolean;
  /** Liveness heartbeat on the control connection (default 5 s). */
  heartbeatMs?: number;
  /** How often a follower tries to become leader (default 1 s). */
  leaderPollMs?: number;
  /** How often the leader reloads definitions and catches up (default 30 s). */
  scheduleReloadMs?: number;
  /** How often an idle daemon indexes stored versions for search (ms, default 5,000). */
  indexIntervalMs?: number;
  /** Started already: while it reports a fault the daemon claims no retrieval jobs and says so in its application_name. */
  keyring?: KeyringMonitor;
  /** Told about changed settings (after the worker and the scheduler took them). */
  onSettings?: (settings: Settings) => void;
}

export interface RunningDaemon {
  id: string;
  readonly isLeader: boolean;
  /** Graceful stop: no new claims, running jobs get deadlineMs, then are released; logs flushed; leadership released. */
  stop(deadlineMs: number): Promise<void>;
}

// Settings the scheduler reads: a change re-arms the schedules at once instead of at the next reload.
const SCHEDULE_KEYS = new Set<SettingKey>([...SCHEDULE_SETTINGS, 'schedules.min_interval_seconds']);

/** A lease owner name unique per process: host, pid, and a few random bits (pid 1 in every container). */
export function newDaemonId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
}

/**
 * One daemon: a worker claiming jobs, the batched log writer, the scheduler when this
 * process holds the leader lock, and the liveness heartbeat, all on one database. The
 * control connection (LISTEN, leader lock, heartbeat) reconnects by itself; a database outage
 * is logged and waited out, never a reason to exit.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { database, logger, registry } = options;
  const settings = await loadSettings(database.knex);
  const id = options.id ?? newDaemonId();
  const onUnhandled = (err: unknown) => logger.error(errorFields(err), 'daemon: unhandled rejection (carrying on)');
  process.on('unhandledRejection', onUnhandled);

  const control = new ControlConnection({ url: database.url, applicationName: daemonApplicationName() });
  control.on('disconnected', (err) => logger.warn(errorFields(err), 'daemon: control connection lost; reconnecting'));
  control.on('connected', () => logger.info({}, 'daemon: control connection open'));
  await control.start();

  const writer = new JobLogWriter(database.knex, {
    flushRows: settings['logs.flush_rows'],
    flushMs: settings['logs.flush_ms'],
    onError: (err, info) => logger[info.retrying ? 'debug' : 'error']({ ...errorFields(err), rows: info.rows }, info.retrying ? 'job logs: write failed, retrying' : 'job logs: rows dropped'),
  });
  const concurrency = options.concurrency ?? settings['retrieval.concurrency'];
  const monitor = options.keyring;
  const worker = new Worker({
    db: database.knex, workerId: id, registry, writer, logger, control, concurrency,
    leaseSeconds: settings['jobs.lease_seconds'], maxAttempts: settings['jobs.max_attempts'],
    // Retrieval needs credentials: without a working keyring every device would fail, so leave them to other daemons.
    claimableKinds: () => (monitor?.fault ? registry.kinds().filter((kind) => kind !== 'retrieval') : registry.kinds()),
  });
  monitor?.on('changed', (fault) => {
    control.setApplicationName(daemonApplicationName(process.pid, os.hostname(), fault?.code ?? null)).catch((err: unknown) => logger.warn(errorFields(err), 'daemon: could not publish the keyring state'));
    if (fault === null) worker.wake();
  });
  await worker.start();

  const leader = new LeaderLock(control, LOCKS.schedulerLeader, options.leaderPollMs ?? 1_000);
  const scheduler = new Scheduler({ db: database.knex, logger, loadSettings: () => loadSettings(database.knex), reloadMs: options.scheduleReloadMs });
  leader.on('elected', () => {
    logger.info({}, 'daemon: elected scheduler leader');
    void scheduler.start();
  });
  leader.on('deposed', (reason) => {
    logger.warn({ reason }, 'daemon: no longer the scheduler leader');
    scheduler.stop();
  });
  control.on('notification', (channel) => {
    if (channel === SCHEDULES_CHANNEL && leader.isLeader) void scheduler.reload();
  });
  await control.listen(SCHEDULES_CHANNEL).catch(() => undefined);
  const watcher = new SettingsWatcher({
    db: database.knex, control, logger, initial: settings,
    onChange: (next, changed) => {
      worker.configure({ concurrency: options.concurrency ?? next['retrieval.concurrency'], maxAttempts: next['jobs.max_attempts'] });
      if (leader.isLeader && changed.some((key) => SCHEDULE_KEYS.has(key))) void scheduler.reload();
      options.onSettings?.(next);
    },
  });
  await watcher.start().catch(() => undefined);
  if (options.scheduler !== false) leader.start();

  const indexer = new IdleIndexer({ db: database.knex, logger, running: () => worker.running, intervalMs: options.indexIntervalMs });
  indexer.start();
  const beat = setInterval(() => void control.query('SELECT 1').catch(() => undefined), options.heartbeatMs ?? 5_000);
  logger.info({ concurrency, leaseSeconds: settings['jobs.lease_seconds'], maxAttempts: settings['jobs.max_attempts'], kinds: registry.kinds(), scheduler: options.scheduler !== false }, 'daemon: started');

  let stopping: Promise<void> | undefined;
  return {
    id,
    get isLeader() {
      return leader.isLeader;
    },
    stop(deadlineMs) {
      stopping ??= (async () => {
        logger.info({ deadlineMs }, 'daemon: stopping: no new jobs; running ones get until the deadline');
        scheduler.stop();
        monitor?.stop();
        watcher.stop();
        await leader.stop();
        await indexer.stop();
        const { finished, released } = await worker.stop(deadlineMs);
        await writer.close();
        clearInterval(beat);
        await control.stop();
        process.off('unhandledRejection', onUnhandled);
        logger.info({ finished, released, logRowsWritten: writer.written, logRowsDropped: writer.dropped }, 'daemon: stopped');
      })();
      return stopping;
    },
  };
}
