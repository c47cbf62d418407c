/** The overview: the state of the backups at a glance, read in one go. */
import { keyStatus, type KeyStatus } from '../credentials/key-status.js';
import { liveDaemons, type LiveDaemon } from '../daemon/daemon-liveness.js';
import { activeJobs, lastSweep, type JobProgress } from '../db/queries/active-jobs.js';
import { deviceHealth, type DeviceHealth } from '../db/queries/device-health.js';
import { recentDeviceFailures, type DeviceFailure } from '../db/queries/recent-device-failures.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError } from '../errors.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { readSchedules, type NextSweep } from './stale-rule.js';

export type { NextSweep } from './stale-rule.js';

/** The active key and the credentials each key seals, or why the keyring cannot be read. */
export type KeysOverview = { status: KeyStatus } | { problem: { code: string; message: string } };

export interface Overview {
  devices: DeviceHealth;
  /** Seconds after which a device counts as stale when only the every-device schedule covers it (2 × its interval). */
  staleAfterSeconds: number | null;
  lastSweep: JobProgress | null;
  nextSweep: NextSweep | null;
  /** Queued and running jobs (not the device jobs of a sweep), oldest first, at most 8. */
  activeJobs: JobProgress[];
  keys: KeysOverview;
  /** The 10 most recent failed device retrievals, newest first. */
  recentFailures: DeviceFailure[];
  readAt: Date;
}

export interface OverviewActions {
  /** Everything the overview screen shows but the daemons (one read-only transaction for the database part). */
  overview(): Promise<Overview>;
  /** Daemons connected to this database with their heartbeat age (the header shows how many are alive). */
  daemons(): Promise<LiveDaemon[]>;
}

export const OVERVIEW_ACTIONS: Record<keyof OverviewActions, ActionClass> = {
  overview: 'read',
  daemons: 'read',
};

async function readKeys(ctx: ConsoleContext): Promise<KeysOverview> {
  try {
    return { status: await keyStatus(ctx.knex, ctx.keyring) };
  } catch (err) {
    // A missing or unreadable keyring is something to show, not a reason to hide the rest.
    if (isNetRavenError(err)) return { problem: { code: err.code, message: err.message } };
    throw err;
  }
}

/**
 * How long a read serves the other sessions of an SSH console server (ms; shared-read.ts: any
 * NOTIFY ends it sooner). Each screen polls the daemons every 10 s (pg_stat_activity: no
 * NOTIFY tells). The overview is the same for every role, and every session refreshes it after
 * the same job notice.
 */
const DAEMONS_SHARED_MS = 5_000;
const OVERVIEW_SHARED_MS = 250;

/** The overview's actions over the console context. */
export function overviewActions(ctx: ConsoleContext): OverviewActions {
  return {
    overview: () => ctx.share('overview', OVERVIEW_SHARED_MS, () => readOverview(ctx)),
    daemons: () => ctx.share('daemons', DAEMONS_SHARED_MS, () => liveDaemons(ctx.knex)),
  };
}

async function readOverview(ctx: ConsoleContext): Promise<Overview> {
  const now = new Date();
  const schedules = await readSchedules(ctx.knex, now);
  const [database, keys] = await Promise.all([
    inReadOnlyTransaction(ctx.knex, async (trx) => ({
      devices: await deviceHealth(trx, schedules.rule),
      lastSweep: await lastSweep(trx),
      activeJobs: await activeJobs(trx, 8),
      recentFailures: await recentDeviceFailures(trx, 10),
    })),
    readKeys(ctx),
  ]);
  const everyDevice = schedules.rule.allDevicesSeconds;
  return { ...database, keys, nextSweep: schedules.next, staleAfterSeconds: everyDevice === null ? null : everyDevice * 2, readAt: now };
}
