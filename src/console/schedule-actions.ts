/**
 * Schedules from the console: every schedule with its cron in words and its next fire times,
 * a cron check as the operator types (the minimum interval included), add and remove — each
 * recorded as a change by the operator; an added schedule's runs are requested by them too.
 */
import { loadSettings } from '../config/settings-store.js';
import { assertWithinLimit } from '../config/input-limits.js';
import { recordChange } from '../jobs/change-record.js';
import { addSchedule, checkScheduleCron, listSchedules, removeSchedule, SYSTEM_SCHEDULES, type Schedule, type SystemScheduleKey } from '../jobs/schedule-store.js';
import type { ActionClass } from './actor.js';
import type { ConsoleContext } from './console-context.js';
import { cronInWords, nextFireTimes } from './cron-text.js';

/** A schedule as the schedules screen shows it. */
export interface ScheduleRow {
  /** null: a system schedule no daemon has made its definition for yet (it exists as a setting). */
  id: string | null;
  cron: string;
  /** The cron expression in words ("At 02:00"). */
  words: string;
  /** The next three fire times (local time, as the scheduler fires them). */
  next: Date[];
  /** "all enabled devices", "devices tagged core", "retention purge". */
  scope: string;
  tag: string | null;
  /** The setting a system schedule follows (it is changed there, not removed); null for added ones. */
  system: SystemScheduleKey | null;
  requestedBy: string | null;
  lastTick: Date | null;
}

/** A cron expression that passed every check, as it would be stored. */
export interface CronCheck {
  cron: string;
  words: string;
  next: Date[];
}

export interface ScheduleActions {
  /** Every schedule: the system ones (from their settings) first, then those added. */
  scheduleList(): Promise<ScheduleRow[]>;
  /** Checks a cron expression as `add` will (CRON_INVALID, SCHEDULE_TOO_FREQUENT, INPUT_INVALID), writing nothing. */
  checkCron(expression: string): Promise<CronCheck>;
  /** Adds a retrieval schedule (every enabled device, or a tag's devices: NOT_FOUND for an unknown tag). */
  addSchedule(input: { cron: string; tag?: string }): Promise<ScheduleRow>;
  /** Removes an added schedule (a system one: INPUT_INVALID naming its setting). */
  removeSchedule(id: string): Promise<ScheduleRow>;
}

export const SCHEDULE_ACTIONS: Record<keyof ScheduleActions, ActionClass> = {
  scheduleList: 'read',
  checkCron: 'read',
  addSchedule: 'operate',
  removeSchedule: 'operate',
};

function scopeOf(schedule: Pick<Schedule, 'kind' | 'tag'>): string {
  if (schedule.kind === 'purge') return 'retention purge';
  return schedule.tag ? `devices tagged ${schedule.tag}` : 'all enabled devices';
}

function rowOf(schedule: Schedule, now: Date): ScheduleRow {
  return {
    id: schedule.id,
    cron: schedule.cron,
    words: cronInWords(schedule.cron),
    next: nextFireTimes(schedule.cron, 3, now),
    scope: scopeOf(schedule),
    tag: schedule.tag,
    system: schedule.system,
    requestedBy: schedule.requestedBy,
    lastTick: schedule.lastTick,
  };
}

export function scheduleActions(ctx: ConsoleContext): ScheduleActions {
  const record = (change: 'schedule.add' | 'schedule.remove', verb: string) => ({
    record: (trx: Parameters<typeof recordChange>[0], s: Schedule) =>
      recordChange(trx, { by: ctx.actor.name, change, subject: s.id, message: `schedule ${s.id} ("${s.cron}", ${scopeOf(s)}) ${verb} by ${ctx.actor.name}`, data: { cron: s.cron, tag: s.tag, via: ctx.actor.via } }),
  });
  return {
    async scheduleList() {
      const now = new Date();
      const [settings, schedules] = await Promise.all([loadSettings(ctx.knex), listSchedules(ctx.knex)]);
      // System schedules follow their setting (the scheduler leader syncs the definition): show
      // the setting's cron, also before any daemon has made the definition.
      const system = (Object.entries(SYSTEM_SCHEDULES) as Array<[SystemScheduleKey, Schedule['kind']]>).map(([key, kind]) => {
        const stored = schedules.find((s) => s.system === key);
        const row = rowOf({ id: '', kind, cron: settings[key], tag: null, system: key, lastTick: stored?.lastTick ?? null, requestedBy: `setting ${key}`, createdAt: now }, now);
        return { ...row, id: stored?.id ?? null };
      });
      return [...system, ...schedules.filter((s) => !s.system).map((s) => rowOf(s, now))];
    },
    async checkCron(expression) {
      const cron = await checkScheduleCron(ctx.knex, expression);
      return { cron, words: cronInWords(cron), next: nextFireTimes(cron, 3) };
    },
    async addSchedule(input) {
      const tag = input.tag?.trim() ? assertWithinLimit('tag', input.tag.trim(), 'tag') : undefined;
      return rowOf(await addSchedule(ctx.knex, { cron: input.cron, tag, requestedBy: ctx.actor.name }, record('schedule.add', 'added')), new Date());
    },
    removeSchedule: async (id) => rowOf(await removeSchedule(ctx.knex, id, record('schedule.remove', 'removed')), new Date()),
  };
}
