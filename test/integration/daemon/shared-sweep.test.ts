import { describe, expect, it } from 'vitest';
import { getJob } from '../../../src/jobs/job-queue.js';
import { runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { deviceJobs, useDaemonFleet, versionsPerDevice } from '../../support/daemon-fleet.js';
import { isStarted, startDaemonProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';

const db = useTestDatabase();
const fleet = useDaemonFleet(db, 12, { latencyMs: 25 });
const FINISHED = ['succeeded', 'partially_succeeded', 'failed', 'cancelled'];

async function finished(id: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const job = await getJob(db.knex, id);
    return FINISHED.includes(job.status) ? job : undefined;
  }, timeoutMs, `job ${id} to finish`);
}

describe('two daemons and one sweep', () => {
  it('`retrieve` queues the sweep while daemons run; both share its devices and every device is retrieved once', async () => {
    const daemons = [startDaemonProcess(db.url, ['--concurrency', '2'], fleet.env), startDaemonProcess(db.url, ['--concurrency', '2'], fleet.env)];
    await Promise.all(daemons.map((d) => d.waitFor(isStarted, 20_000, 'start')));
    const queued = await runCli(['retrieve', '--tag', 'fleet'], { env: fleet.env });
    expect(queued.code).toBe(0);
    const sweepId = queued.stdout.trim();
    expect(queued.stderr).toContain(`queued as job ${sweepId}`);

    expect(await finished(sweepId)).toMatchObject({ status: 'succeeded', progressTotal: 12, progressDone: 12, progressFailed: 0 });
    const children = await deviceJobs(db.knex, sweepId);
    expect(children.map((c) => c.hostname)).toEqual(fleet.hostnames);
    expect(children.every((c) => c.status === 'succeeded' && c.attempts === 1)).toBe(true);
    expect(Object.values(await versionsPerDevice(db.knex, fleet.hostnames))).toEqual(Array(12).fill(1));

    // Which daemon ran which device: both took a share.
    const owners = await db.knex('job_logs').whereIn('jobId', children.map((c) => c.id)).where('message', 'like', 'started on %').pluck('data');
    const byWorker = new Map<string, number>();
    for (const data of owners as Array<{ worker: string }>) byWorker.set(data.worker, (byWorker.get(data.worker) ?? 0) + 1);
    expect(byWorker.size).toBe(2);
    expect([...byWorker.values()].reduce((a, b) => a + b)).toBe(12);
    const lines = await db.knex('job_logs').whereIn('jobId', children.map((c) => c.id)).pluck('message');
    expect(lines.filter((m: string) => / done in /.test(m))).toHaveLength(12);
    expect((await db.knex('job_logs').where({ jobId: sweepId }).orderBy('id').pluck('message')).at(-1)).toBe('finished: succeeded (12 of 12 devices retrieved, 0 failed)');
  });

  it('graceful shutdown mid-sweep: running devices finish, the rest go back to the queue, no log row is lost', async () => {
    const first = startDaemonProcess(db.url, ['--concurrency', '3', '--shutdown-timeout', '20'], fleet.env);
    await first.waitFor(isStarted, 20_000, 'start');
    const sweepId = (await runCli(['retrieve', '--all', '--queue'], { env: fleet.env })).stdout.trim();
    await eventually(async () => (await deviceJobs(db.knex, sweepId)).filter((c) => c.status === 'succeeded').length >= 2, 30_000, 'two devices done');
    expect(await first.stop(30_000)).toEqual({ code: 0, signal: null });
    const stopped = first.lines.at(-1)!;
    expect(stopped).toMatchObject({ msg: 'daemon: stopped', released: 0, logRowsDropped: 0 });
    const afterStop = await deviceJobs(db.knex, sweepId);
    expect(afterStop.some((c) => c.status === 'running')).toBe(false);
    const done = afterStop.filter((c) => c.status === 'succeeded');
    expect(afterStop.filter((c) => c.status === 'queued')).toHaveLength(12 - done.length);
    // Every device it finished has its whole log: the "started" line, the retrieval's lines, "done".
    for (const child of done) {
      const messages: string[] = await db.knex('job_logs').where({ jobId: child.id }).orderBy('id').pluck('message');
      expect(messages[0], messages.join('\n')).toMatch(/^started on /);
      expect(messages.some((m) => m.startsWith(`${child.hostname}: authenticated as `)), messages.join('\n')).toBe(true);
      expect(messages.at(-1)).toMatch(new RegExp(`^${child.hostname}: done in `));
    }
    expect(Number(stopped.logRowsWritten)).toBeGreaterThanOrEqual(done.length * 4);

    const second = startDaemonProcess(db.url, [], fleet.env);
    expect(await finished(sweepId)).toMatchObject({ status: 'succeeded', progressDone: 12 });
    await second.stop();
  });

});
