import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { useTestDatabase } from '../../support/database.js';
import { isElected, isStarted, startDaemonProcess, type CliProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';

const db = useTestDatabase();

async function runsOf(scheduleId: string): Promise<Job[]> {
  return Job.query().where({ parentJobId: scheduleId }).orderBy('createdAt');
}

describe('schedules across daemons', () => {
  it('the leader is taken over within seconds after it is killed', async () => {
    const daemons = [startDaemonProcess(db.url), startDaemonProcess(db.url)];
    await Promise.all(daemons.map((d) => d.waitFor(isStarted, 20_000, 'start')));
    const leader = await Promise.race(daemons.map((d) => d.waitFor(isElected, 10_000, 'a leader').then(() => d)));
    const follower = daemons.find((d) => d !== leader)!;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(follower.lines.some(isElected)).toBe(false);
    const killedAt = Date.now();
    leader.child.kill('SIGKILL');
    await follower.waitFor(isElected, 10_000, 'the follower taking over');
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(await leader.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('after downtime a missed schedule runs once, not once per missed tick', async () => {
    // Yearly, last handled three years ago: the daemons were "down" for three ticks.
    const definition = await Job.query().insertAndFetch({
      kind: 'purge', schedule: '0 0 1 1 *', scheduledFor: new Date(Date.now() - 3 * 366 * 86_400_000), createdAt: new Date(Date.now() - 4 * 366 * 86_400_000),
    } as Partial<Job>);
    const daemons = [startDaemonProcess(db.url), startDaemonProcess(db.url)];
    await Promise.all(daemons.map((d) => d.waitFor(isStarted, 20_000, 'start')));
    await eventually(async () => (await runsOf(definition.id)).find((r) => r.status === 'succeeded'), 15_000, 'the caught-up run');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const runs = await runsOf(definition.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.scheduledFor).toEqual(new Date(new Date().getFullYear(), 0, 1));
    expect((await Job.query().findById(definition.id))!.scheduledFor).toEqual(runs[0]!.scheduledFor);
  });

  it('a schedule whose run is still going is not started again; it fires again once the run is over', async () => {
    // Every second: refused by default (schedules.min_interval_seconds = 300), allowed here.
    await db.knex('system_settings').where({ key: 'schedules.min_interval_seconds' }).update({ value: JSON.stringify(1) });
    const definition = await Job.query().insertAndFetch({ kind: 'purge', schedule: '* * * * * *', createdAt: new Date(Date.now() - 1_000) } as Partial<Job>);
    // The purge deletes from job_logs: holding a lock on it keeps the first run going for as long as we like.
    const blocker = await db.knex.transaction();
    let daemon: CliProcess | undefined;
    try {
      await blocker.raw('LOCK TABLE job_logs IN ACCESS EXCLUSIVE MODE');
      daemon = startDaemonProcess(db.url);
      await daemon.waitFor(isElected, 20_000, 'leadership');
      await eventually(async () => (await runsOf(definition.id)).find((r) => r.status === 'running'), 10_000, 'the first run running');
      await daemon.waitFor((l) => l.msg === 'scheduler: tick skipped, the previous run is still going' && l.scheduleId === definition.id, 5_000, 'a skipped tick');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const during = await runsOf(definition.id);
      expect(during).toHaveLength(1);
      expect(daemon.lines.filter((l) => l.msg.startsWith('scheduler: tick skipped') && l.scheduleId === definition.id).length).toBeGreaterThanOrEqual(2);
    } finally {
      await blocker.rollback();
    }
    await eventually(async () => (await runsOf(definition.id)).filter((r) => r.status === 'succeeded').length >= 2, 10_000, 'later runs');
    const runs = await runsOf(definition.id);
    // Never two at once: each run was created after the one before it finished (now() is a
    // transaction's start time, hence the few milliseconds of slack).
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i - 1]!.finishedAt).not.toBeNull();
      expect(runs[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime() - 50);
    }
    await Job.query().deleteById(definition.id);
    await daemon!.stop();
  });
});
