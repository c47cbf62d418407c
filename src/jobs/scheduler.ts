import type { Knex } from 'knex';
import { createTask, type ScheduledTask } from 'node-cron';
import { tooFrequent } from '../config/schedule-interval.js';
import type { Settings } from '../config/settings.js';
import { fireDueTick, type FireResult } from './schedule-fire.js';
import { listSchedules, syncSystemSchedules, type Schedule } from './schedule-store.js';
import { errorFields, type Logger } from './logger.js';

export interface SchedulerOptions {
  db: Knex;
  /** Fresh settings on every reload: a changed retrieval.schedule is followed without a restart. */
  loadSettings: () => Promise<Settings>;
  logger: Logger;
  /** How often definitions are reloaded and missed ticks caught up, besides NOTIFY. */
  reloadMs?: number;
  /** Told about every tick handled (tests and the daemon's log). */
  onFire?: (result: FireResult, schedule: Schedule) => void;
}

/**
 * Fires the schedule definitions while this process is the leader. node-cron is the timer:
 * a tick calls fireDueTick, which decides in the database whether a run starts (once per tick,
 * never over a run still going). Reloads (on NOTIFY and every reloadMs) pick up new, changed
 * and removed definitions and catch up ticks that were missed while no leader ran, once.
 */
export class Scheduler {
  private readonly tasks = new Map<string, { cron: string; task: ScheduledTask; schedule: Schedule }>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private reloading: Promise<void> | undefined;
  private readonly refused = new Set<string>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Starts firing (on becoming leader): syncs system schedules, catches up, arms the timers. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.timer = setInterval(() => void this.reload(), this.options.reloadMs ?? 30_000);
    await this.reload();
  }

  /** Stops firing (on losing leadership or shutting down). */
  stop(): void {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    for (const { task } of this.tasks.values()) void task.destroy();
    this.tasks.clear();
  }

  /** Re-reads the definitions, re-arms node-cron and fires every tick that is due (missed ones once). */
  reload(): Promise<void> {
    this.reloading ??= this.doReload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async doReload(): Promise<void> {
    if (!this.running) return;
    try {
      const settings = await this.options.loadSettings();
      await syncSystemSchedules(this.options.db, settings);
      const schedules = (await listSchedules(this.options.db)).filter((s) => this.allowed(s, settings['schedules.min_interval_seconds']));
      if (!this.running) return;
      this.arm(schedules);
      await Promise.all(schedules.map((schedule) => this.fire(schedule)));
    } catch (err) {
      this.options.logger.warn(errorFields(err), 'scheduler: could not reload the schedules; trying again at the next reload');
    }
  }

  /**
   * A definition firing more often than the minimum (written before the rule, or by hand) is
   * not armed, and said so once per cron and minimum.
   */
  private allowed(schedule: Schedule, minSeconds: number): boolean {
    const reason = tooFrequent(schedule.cron, minSeconds);
    if (reason === undefined) return true;
    const key = `${schedule.id} ${schedule.cron} ${minSeconds}`;
    if (!this.refused.has(key)) {
      this.refused.add(key);
      this.options.logger.warn({ scheduleId: schedule.id, cron: schedule.cron, system: schedule.system }, `scheduler: schedule not armed: it ${reason}`);
    }
    return false;
  }

  private arm(schedules: Schedule[]): void {
    const seen = new Set<string>();
    for (const schedule of schedules) {
      seen.add(schedule.id);
      const armed = this.tasks.get(schedule.id);
      if (armed?.cron === schedule.cron) {
        armed.schedule = schedule;
        continue;
      }
      if (armed) void armed.task.destroy();
      // The tick's own time, in case the timer fired a hair early: the tick must count as due.
      const task = createTask(schedule.cron, (context) => this.fire(this.tasks.get(schedule.id)?.schedule ?? schedule, context.date), {
        name: `netraven-schedule-${schedule.id}`,
        noOverlap: true,
        logger: { info: () => undefined, debug: () => undefined, warn: (m) => this.options.logger.debug({ scheduleId: schedule.id }, String(m)), error: (m) => this.options.logger.warn({ scheduleId: schedule.id }, String(m)) },
      });
      void task.start();
      this.tasks.set(schedule.id, { cron: schedule.cron, task, schedule });
      this.options.logger.info({ scheduleId: schedule.id, cron: schedule.cron, kind: schedule.kind, tag: schedule.tag, system: schedule.system }, 'scheduler: armed schedule');
    }
    for (const [id, { task }] of this.tasks) {
      if (seen.has(id)) continue;
      void task.destroy();
      this.tasks.delete(id);
      this.options.logger.info({ scheduleId: id }, 'scheduler: schedule removed');
    }
  }

  private async fire(schedule: Schedule, tick?: Date): Promise<void> {
    if (!this.running) return;
    try {
      const now = new Date(Math.max(Date.now(), tick?.getTime() ?? 0));
      const result = await fireDueTick(this.options.db, schedule.id, now);
      if (result.outcome === 'fired') this.options.logger.info({ scheduleId: schedule.id, tick: result.tick, jobId: result.runId, kind: schedule.kind }, 'scheduler: started a run');
      if (result.outcome === 'skipped') this.options.logger.warn({ scheduleId: schedule.id, tick: result.tick, runningJobId: result.runningId }, 'scheduler: tick skipped, the previous run is still going');
      this.options.onFire?.(result, schedule);
    } catch (err) {
      this.options.logger.warn({ scheduleId: schedule.id, ...errorFields(err) }, 'scheduler: could not fire; the tick is caught up at the next reload');
    }
  }
}
