import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/config/settings.js';
import { LOCKS } from '../../../src/db/advisory-locks.js';
import { ControlConnection } from '../../../src/db/control-connection.js';
import { Job } from '../../../src/db/models/index.js';
import { LeaderLock } from '../../../src/jobs/leader-lock.js';
import { fireDueTick } from '../../../src/jobs/schedule-fire.js';
import { addSchedule, listSchedules, removeSchedule, syncSystemSchedules } from '../../../src/jobs/schedule-store.js';
import { silentLogger } from '../../../src/jobs/logger.js';
import { Scheduler } from '../../../src/jobs/scheduler.js';
import { useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { insertDevices } from '../../support/jobs.js';

const db = useTestDatabase();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function definition(cron: string, lastTick: Date | null, createdAt = new Date(Date.now() - 10 * 365 * 86_400_000)): Promise<Job> {
  return Job.query().insertAndFetch({ kind: 'purge', schedule: cron, scheduledFor: lastTick, createdAt } as Partial<Job>);
}

async function runsOf(id: string): Promise<Job[]> {
  return Job.query().where({ parentJobId: id }).orderBy('scheduledFor');
}

describe('schedule definitions', () => {
  it('adds, lists and removes; refuses a bad cron, an unknown tag and a system schedule', async () => {
    await insertDevices(db.knex, 1, 'sched', 'core');
    const added = await addSchedule(db.knex, { cron: '0  */6 * * *', tag: 'CORE' });
    expect(added).toMatchObject({ cron: '0 */6 * * *', tag: 'core', kind: 'retrieval', system: null });
    await expect(addSchedule(db.knex, { cron: '0 25 * * *' })).rejects.toMatchObject({ code: 'CRON_INVALID', message: expect.stringContaining('hour') });
    await expect(addSchedule(db.knex, { cron: 'every day' })).rejects.toMatchObject({ code: 'CRON_INVALID', message: expect.stringContaining('expected 5 or 6 fields') });
    await expect(addSchedule(db.knex, { cron: '0 1 * * *', tag: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addSchedule(db.knex, { cron: '*/4 * * * *' })).rejects.toMatchObject({ code: 'SCHEDULE_TOO_FREQUENT', message: expect.stringContaining('every 4 minutes; schedules may run at most every 5 minutes') });

    await syncSystemSchedules(db.knex, { ...defaultSettings(), 'retrieval.schedule': '15 1 * * *' });
    await syncSystemSchedules(db.knex, { ...defaultSettings(), 'retrieval.schedule': '20 1 * * *' });
    const all = await listSchedules(db.knex);
    expect(all.map((s) => [s.system, s.kind, s.cron])).toEqual([['retention.purge_schedule', 'purge', '30 3 * * *'], ['retrieval.schedule', 'retrieval', '20 1 * * *'], [null, 'retrieval', '0 */6 * * *']]);
    await expect(removeSchedule(db.knex, all[1]!.id)).rejects.toMatchObject({ code: 'INPUT_INVALID', message: expect.stringContaining('settings set retrieval.schedule') });

    const run = await Job.query().insertAndFetch({ kind: 'retrieval', parentJobId: added.id, status: 'succeeded' });
    expect((await removeSchedule(db.knex, added.id)).id).toBe(added.id);
    expect(await Job.query().findById(run.id)).toMatchObject({ parentJobId: null, status: 'succeeded' });
    await expect(removeSchedule(db.knex, added.id)).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
    await expect(removeSchedule(db.knex, 'x')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

describe('firing ticks', () => {
  it('fires a tick once, whoever asks how often', async () => {
    const def = await definition('*/5 * * * *', null, new Date(Date.now() - 3_600_000));
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 4 }, () => fireDueTick(db.knex, def.id, now)));
    expect(results.filter((r) => r.outcome === 'fired')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'not-due')).toHaveLength(3);
    const runs = await runsOf(def.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.scheduledFor!.getMinutes() % 5).toBe(0);
    expect(runs[0]!.target).toEqual({ scheduleId: def.id });
  });

  it('after downtime, a missed schedule runs once, not once per missed tick', async () => {
    // Every minute, last handled three days ago: thousands of ticks were missed.
    const def = await definition('* * * * *', new Date(Date.now() - 3 * 86_400_000));
    expect((await fireDueTick(db.knex, def.id)).outcome).toBe('fired');
    expect((await fireDueTick(db.knex, def.id)).outcome).toMatch(/not-due|skipped/);
    const runs = await runsOf(def.id);
    expect(runs).toHaveLength(1);
    expect(Date.now() - runs[0]!.scheduledFor!.getTime()).toBeLessThan(61_000);
    // A yearly schedule three years behind: one run, for this year's tick.
    const yearly = await definition('0 0 1 1 *', new Date(Date.now() - 3 * 366 * 86_400_000));
    const result = await fireDueTick(db.knex, yearly.id);
    expect(result.outcome).toBe('fired');
    expect(result.tick).toEqual(new Date(new Date().getFullYear(), 0, 1));
  });

  it('never starts a run while the previous one is still going, and does not catch that tick up later', async () => {
    const def = await definition('* * * * * *', null, new Date(Date.now() - 5_000));
    expect((await fireDueTick(db.knex, def.id)).outcome).toBe('fired');
    const [first] = await runsOf(def.id);
    await Job.query().patch({ status: 'running' }).where({ id: first!.id });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const skipped = await fireDueTick(db.knex, def.id);
    expect(skipped).toMatchObject({ outcome: 'skipped', runningId: first!.id });
    await Job.query().patch({ status: 'succeeded' }).where({ id: first!.id });
    expect((await fireDueTick(db.knex, def.id, skipped.tick)).outcome).toBe('not-due');
    expect(await runsOf(def.id)).toHaveLength(1);
  });

  it('a new definition does not catch up the time before it existed', async () => {
    const def = await definition('0 0 * * *', null, new Date());
    expect((await fireDueTick(db.knex, def.id)).outcome).toBe('not-due');
  });
});

describe('the leader lock and the scheduler', () => {
  async function contender(): Promise<{ control: ControlConnection; lock: LeaderLock }> {
    const control = new ControlConnection({ url: db.url, applicationName: 'netraven-test-leader' });
    await control.start();
    const lock = new LeaderLock(control, LOCKS.schedulerLeader, 100);
    cleanups.push(async () => {
      await lock.stop();
      await control.stop();
    });
    return { control, lock };
  }

  it('elects one leader; when its session ends another takes over', async () => {
    const [a, b] = [await contender(), await contender()];
    a.lock.start();
    await eventually(() => a.lock.isLeader, 2_000, 'a elected');
    b.lock.start();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(b.lock.isLeader).toBe(false);
    const deposed = new Promise<string>((resolve) => a.lock.once('deposed', resolve));
    // As if the leader's process died: the server ends its session and the lock goes with it.
    await db.knex.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'netraven-test-leader' AND pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ?)", [LOCKS.schedulerLeader]);
    const started = Date.now();
    await eventually(() => b.lock.isLeader, 10_000, 'b elected');
    // Followers retry every second; 5 s is a hang guard with 5x headroom, not a latency target.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await deposed).toMatch(/lost/);
    expect(a.lock.isLeader).toBe(false);
  });

  it('the scheduler fires due definitions when started and on node-cron ticks', async () => {
    const def = await definition('* * * * * *', null, new Date(Date.now() - 2_000));
    const fired: string[] = [];
    // A schedule every second is refused by default (schedules.min_interval_seconds = 300); this test allows it.
    const settings = { ...defaultSettings(), 'schedules.min_interval_seconds': 1 };
    const scheduler = new Scheduler({ db: db.knex, logger: silentLogger, loadSettings: async () => settings, onFire: (r) => void (r.outcome === 'fired' && fired.push(r.scheduleId)) });
    cleanups.push(() => scheduler.stop());
    await scheduler.start();
    expect(fired).toContain(def.id);
    await Job.query().patch({ status: 'succeeded' }).where({ parentJobId: def.id });
    await eventually(async () => (await runsOf(def.id)).length >= 2, 3_000, 'a second run from a tick');
    scheduler.stop();
    const count = (await runsOf(def.id)).length;
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await runsOf(def.id)).length).toBe(count);
  });

  it('a definition firing more often than schedules.min_interval_seconds is not armed, and said once', async () => {
    const def = await definition('* * * * * *', null, new Date(Date.now() - 2_000));
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (fields: object, message?: string) => void ((fields as { scheduleId?: string }).scheduleId === def.id && warnings.push(message ?? '')) };
    const scheduler = new Scheduler({ db: db.knex, logger, loadSettings: async () => defaultSettings(), reloadMs: 200 });
    cleanups.push(() => scheduler.stop());
    await scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await runsOf(def.id)).toEqual([]);
    expect(warnings.filter((w) => w.startsWith('scheduler: schedule not armed: it runs as often as every 1 second'))).toHaveLength(1);
  });
});
