/** The overview: the state of the backups at a glance, read in one go. */
import { loadSettings } from '../config/settings-store.js';
import { keyStatus, type KeyStatus } from '../credentials/key-status.js';
import { liveDaemons, type LiveDaemon } from '../daemon/daemon-liveness.js';
import { activeJobs, lastSweep, type JobProgress } from '../db/queries/active-jobs.js';
import { deviceHealth, type DeviceHealth, type StaleRule } from '../db/queries/device-health.js';
import { recentDeviceFailures, type DeviceFailure } from '../db/queries/recent-device-failures.js';
import { inReadOnlyTransaction } from '../db/transactions.js';
import { isNetRavenError } from '../errors.js';
import { listSchedules } from '../jobs/schedule-store.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { cronInWords, cronIntervalSeconds, nextFireTimes } from './cron-text.js';

/** The next scheduled sweep. */
export interface NextSweep {
  at: Date;
  cron: string;
  /** The cron expression in words ("At 02:00"). */
  words: string;
  /** null: every enabled device. */
  tag: string | null;
}

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

interface Schedules {
  rule: StaleRule;
  next: NextSweep | null;
}

async function readSchedules(ctx: ConsoleContext, now: Date): Promise<Schedules> {
  const settings = await loadSettings(ctx.knex);
  const definitions = (await listSchedules(ctx.knex)).filter((s) => s.kind === 'retrieval' && s.system !== 'retention.purge_schedule');
  // The system definition follows its setting (the scheduler leader syncs it): read the setting, which exists without a daemon.
  const crons = [{ cron: settings['retrieval.schedule'], tag: null as string | null }, ...definitions.filter((s) => !s.system).map((s) => ({ cron: s.cron, tag: s.tag }))];
  const rule: { allDevicesSeconds: number | null; tagSeconds: Array<{ tag: string; seconds: number }> } = { allDevicesSeconds: null, tagSeconds: [] };
  let next: NextSweep | null = null;
  for (const { cron, tag } of crons) {
    const seconds = cronIntervalSeconds(cron, now);
    if (seconds !== null && tag === null) rule.allDevicesSeconds = Math.min(rule.allDevicesSeconds ?? Infinity, seconds);
    if (seconds !== null && tag !== null) rule.tagSeconds.push({ tag, seconds });
    const at = nextFireTimes(cron, 1, now)[0];
    if (at && (!next || at < next.at)) next = { at, cron, words: cronInWords(cron), tag };
  }
  return { rule, next };
}

async function readKeys(ctx: ConsoleContext): Promise<KeysOverview> {
  try {
    return { status: await keyStatus(ctx.knex, ctx.keyring) };
  } catch (err) {
    // A missing or unreadable keyring is something to show, not a reason to hide the rest.
    if (isNetRavenError(err)) return { problem: { code: err.code, message: err.message } };
    throw err;
  }
}

/** The overview's actions over the console context. */
export function overviewActions(ctx: ConsoleContext): OverviewActions {
  return {
    async overview() {
      const now = new Date();
      const schedules = await readSchedules(ctx, now);
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
    },
    daemons: () => liveDaemons(ctx.knex),
  };
}
