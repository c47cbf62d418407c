import type { Knex } from 'knex';
import { LOCK_NAMESPACE, LOCKS } from '../db/advisory-locks.js';
import { Job, type JobKind } from '../db/models/job.model.js';
import { inReadOnlyTransaction, inTransaction, type RecordHook } from '../db/transactions.js';
import { assertScheduleInterval } from '../config/schedule-interval.js';
import type { Settings } from '../config/settings.js';
import { loadSettings } from '../config/settings-store.js';
import { NetRavenError } from '../errors.js';
import { assertCronExpression } from './cron-ticks.js';
import { notifySchedulesChanged } from './job-channels.js';
import { assertJobId, requester } from './job-queue.js';

/**
 * Definitions that come from settings rather than `schedules add`: the global retrieval of
 * every enabled device and the retention purge. They follow their setting and cannot be removed.
 */
export const SYSTEM_SCHEDULES = {
  'retrieval.schedule': 'retrieval',
  'retention.purge_schedule': 'purge',
} as const satisfies Partial<Record<keyof Settings, JobKind>>;

export type SystemScheduleKey = keyof typeof SYSTEM_SCHEDULES;

/** A recurring definition: a jobs row with `schedule` set; `scheduled_for` holds the last tick handled. */
export interface Schedule {
  id: string;
  kind: JobKind;
  cron: string;
  tag: string | null;
  system: SystemScheduleKey | null;
  lastTick: Date | null;
  /** Who added it (`schedules add`: user@host; the console: its operator; system ones: the setting). */
  requestedBy: string | null;
  createdAt: Date;
}

/** The definition as the rest of the code sees it. */
export function toSchedule(row: Job): Schedule {
  const target = row.target ?? {};
  return {
    id: row.id,
    kind: row.kind,
    cron: row.schedule ?? '',
    tag: typeof target.tag === 'string' ? target.tag : null,
    system: typeof target.system === 'string' ? (target.system as SystemScheduleKey) : null,
    lastTick: row.scheduledFor,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt,
  };
}

/** Every definition, system ones first, then by creation. */
export async function listSchedules(db: Knex): Promise<Schedule[]> {
  const rows = await inReadOnlyTransaction(db, async (trx) =>
    await Job.query(trx).whereNotNull('schedule').orderByRaw("(target->>'system') IS NULL, target->>'system', created_at, id"),
  );
  return rows.map(toSchedule);
}

/**
 * The checks `addSchedule` makes of a cron expression, writing nothing: valid (CRON_INVALID,
 * INPUT_INVALID when too long) and not firing more often than schedules.min_interval_seconds
 * (SCHEDULE_TOO_FREQUENT). Returns the expression as it would be stored (spaces collapsed).
 */
export async function checkScheduleCron(db: Knex, expression: string): Promise<string> {
  const cron = assertCronExpression(expression);
  assertScheduleInterval('cron expression', cron, (await loadSettings(db))['schedules.min_interval_seconds']);
  return cron;
}

export interface NewSchedule {
  cron: string;
  tag?: string;
  /** Who asked (requested_by of the definition and of the jobs it fires); default: this process's user@host. */
  requestedBy?: string;
}

/**
 * Adds a retrieval schedule for every enabled device, or only those with a tag; refuses a bad
 * cron (CRON_INVALID), one firing more often than schedules.min_interval_seconds
 * (SCHEDULE_TOO_FREQUENT) or an unknown tag (NOT_FOUND). `record` runs inside the transaction.
 */
export async function addSchedule(db: Knex, options: NewSchedule, hooks: { record?: RecordHook<Schedule> } = {}): Promise<Schedule> {
  const cron = await checkScheduleCron(db, options.cron);
  return inTransaction(db, async (trx) => {
    let tag: string | undefined;
    if (options.tag !== undefined) {
      const row = await trx('tags').whereRaw('lower(name) = lower(?)', [options.tag.trim()]).first('name');
      if (!row) throw new NetRavenError('NOT_FOUND', `no tag named "${options.tag}": create it (and tag devices) first, or leave out --tag to schedule every device`);
      tag = row.name as string;
    }
    const job = await Job.query(trx).insertAndFetch({
      kind: 'retrieval',
      schedule: cron,
      target: tag ? { tag } : {},
      requestedBy: options.requestedBy ?? requester(),
    });
    await notifySchedulesChanged(trx);
    const schedule = toSchedule(job);
    await hooks.record?.(trx, schedule);
    return schedule;
  });
}

/**
 * Removes a definition. Its past runs stay (history) but are detached from it; a run in
 * progress carries on. System definitions follow their setting and are refused here.
 */
export async function removeSchedule(db: Knex, id: string, hooks: { record?: RecordHook<Schedule> } = {}): Promise<Schedule> {
  const scheduleId = assertJobId(id, 'schedule');
  return inTransaction(db, async (trx) => {
    const row = await Job.query(trx).findById(scheduleId).whereNotNull('schedule').forUpdate();
    if (!row) throw new NetRavenError('SCHEDULE_NOT_FOUND', `no schedule with id ${scheduleId}: see \`netraven schedules list\``);
    const schedule = toSchedule(row);
    if (schedule.system) {
      throw new NetRavenError('INPUT_INVALID', `schedule ${scheduleId} comes from the setting ${schedule.system}: change it with \`netraven settings set ${schedule.system} "<cron>"\``);
    }
    await trx('jobs').where({ parentJobId: scheduleId }).update({ parentJobId: null });
    await trx('jobs').where({ id: scheduleId }).delete();
    await notifySchedulesChanged(trx);
    await hooks.record?.(trx, schedule);
    return schedule;
  });
}

/**
 * Makes the system definitions match their settings: creates a missing one (its first tick is
 * the next one, nothing is caught up for the time before it existed) and follows a changed
 * cron. Called by the scheduler leader; the lock keeps two leaders in a hand-over from both
 * creating one.
 */
export async function syncSystemSchedules(db: Knex, settings: Settings): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [LOCK_NAMESPACE, LOCKS.systemSchedules]);
    for (const [key, kind] of Object.entries(SYSTEM_SCHEDULES) as Array<[SystemScheduleKey, JobKind]>) {
      const cron = settings[key];
      const existing = await Job.query(trx).whereNotNull('schedule').whereRaw("target->>'system' = ?", [key]).first();
      if (!existing) {
        await Job.query(trx).insert({ kind, schedule: cron, target: { system: key }, requestedBy: `setting ${key}` });
      } else if (existing.schedule !== cron) {
        await Job.query(trx).patch({ schedule: cron }).where({ id: existing.id });
      }
    }
  });
}
