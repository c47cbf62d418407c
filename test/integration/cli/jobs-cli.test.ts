import { describe, expect, it } from 'vitest';
import { enqueueJob } from '../../../src/jobs/job-queue.js';
import { expectOneLineError, runCli } from '../../support/cli.js';
import { useTestDatabase } from '../../support/database.js';
import { isStarted, startCli, startDaemonProcess } from '../../support/daemon-process.js';
import { insertDevices } from '../../support/jobs.js';

const db = useTestDatabase();
const UNKNOWN = '0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f';

async function cli(args: string[]) {
  return runCli(args, { env: { DATABASE_URL: db.url } });
}

// Each test runs a dozen CLI processes; on a loaded 2-core machine one takes up to 5 s.
describe('netraven jobs and schedules', { timeout: 120_000 }, () => {
  it('refuses bad input with one line and the right exit code', async () => {
    expect(expectOneLineError(await cli(['jobs', 'show', 'nope']), 'INPUT_INVALID', 65)).toContain('"nope" is not a job id');
    expect(expectOneLineError(await cli(['jobs', 'show', UNKNOWN]), 'JOB_NOT_FOUND', 66)).toContain(UNKNOWN);
    expectOneLineError(await cli(['jobs', 'logs', UNKNOWN]), 'JOB_NOT_FOUND', 66);
    expectOneLineError(await cli(['jobs', 'logs', '12', '--follow']), 'INPUT_INVALID', 65);
    expectOneLineError(await cli(['jobs', 'cancel', UNKNOWN]), 'JOB_NOT_FOUND', 66);
    expect(expectOneLineError(await cli(['jobs', 'list', '--status', 'done']), 'INPUT_INVALID', 65)).toContain('queued, running, succeeded');
    expect(expectOneLineError(await cli(['jobs', 'list', '--after', 'yesterday']), 'INPUT_INVALID', 65)).toContain('not a cursor');
    expect(expectOneLineError(await cli(['schedules', 'add', '--cron', '61 * * * *']), 'CRON_INVALID', 65)).toContain('minute: 61 is a invalid expression');
    expect(expectOneLineError(await cli(['schedules', 'add', '--cron', '0 2 * *']), 'CRON_INVALID', 65)).toContain('expected 5 or 6 fields but got 4');
    expectOneLineError(await cli(['schedules', 'add', '--cron', '0 2 * * *', '--tag', 'no-such-tag']), 'NOT_FOUND', 66);
    expectOneLineError(await cli(['schedules', 'remove', UNKNOWN]), 'SCHEDULE_NOT_FOUND', 66);
    expect((await cli(['schedules', 'add'])).stderr).toContain("required option '--cron <expression>'");
    expect(await db.knex('jobs').count('* as n').first()).toEqual({ n: '0' });
  });

  it('adds, lists and removes schedules; lists, shows and cancels jobs', async () => {
    await insertDevices(db.knex, 2, 'cli', 'edge');
    const added = await cli(['schedules', 'add', '--cron', '0 */4 * * *', '--tag', 'edge']);
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(added.stderr).toContain('retrieves devices tagged edge');
    const listed = JSON.parse((await cli(['schedules', 'list', '--json'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ id, cron: '0 */4 * * *', tag: 'edge', kind: 'retrieval', system: null })]);
    expect((await cli(['schedules', 'list'])).stdout).toMatch(/0 \*\/4 \* \* \*\s+retrieval\s+devices tagged edge\s+schedules add/);

    const job = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'edge' }, requestedBy: 'test' });
    const page = JSON.parse((await cli(['jobs', 'list', '--json', '--status', 'queued'])).stdout);
    expect(page).toEqual({ items: [expect.objectContaining({ id: job.id, kind: 'retrieval', status: 'queued' })], next: null });
    expect((await cli(['jobs', 'list'])).stdout).toMatch(new RegExp(`${job.id}\\s+retrieval\\s+queued\\s+tag edge`));
    expect((await cli(['jobs', 'show', job.id])).stdout).toMatch(/status {8}queued\ntarget {8}tag edge\nrequested by  test/);
    expect((await cli(['jobs', 'cancel', job.id])).stdout).toBe(`job ${job.id} cancelled\n`);
    expect((await cli(['jobs', 'cancel', job.id])).stderr).toBe(`job ${job.id} already cancelled: nothing to cancel\n`);
    expect(JSON.parse((await cli(['jobs', 'show', job.id, '--json'])).stdout)).toMatchObject({ id: job.id, status: 'cancelled', cancelRequested: true });

    expect((await cli(['schedules', 'remove', id])).stdout).toContain(`schedule ${id} ("0 */4 * * *", devices tagged edge) removed`);
    expect(JSON.parse((await cli(['schedules', 'list', '--json'])).stdout)).toEqual([]);
  });

  it('`retrieve --queue` checks the target, then queues a sweep and prints its id', async () => {
    expect(expectOneLineError(await cli(['retrieve', '--queue', '--device', 'no-such-host']), 'NOT_FOUND', 66)).toContain('no-such-host');
    expectOneLineError(await cli(['retrieve', '--queue', '--tag', 'nobody-has-this']), 'NOT_FOUND', 66);
    const queued = JSON.parse((await cli(['retrieve', '--queue', '--tag', 'edge', '--json'])).stdout);
    expect(queued).toMatchObject({ queued: true, status: 'queued', target: { kind: 'tag', tag: 'edge', description: 'enabled devices tagged edge' } });
    expect((await cli(['jobs', 'list'])).stdout).toMatch(new RegExp(`${queued.jobId}\\s+retrieval\\s+queued\\s+enabled devices tagged edge`));
    expect((await cli(['jobs', 'cancel', queued.jobId])).code).toBe(0);
  });

  it('pages jobs newest first with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await enqueueJob(db.knex, { kind: 'key_rotation', runAt: new Date(Date.now() + 3_600_000) })).id);
    const first = await cli(['jobs', 'list', '--kind', 'key_rotation', '--limit', '3', '--json']);
    const page1 = JSON.parse(first.stdout);
    expect(page1.items.map((j: { id: string }) => j.id)).toEqual(ids.slice(2).reverse());
    const page2 = JSON.parse((await cli(['jobs', 'list', '--kind', 'key_rotation', '--limit', '3', '--json', '--after', page1.next])).stdout);
    expect(page2).toEqual({ items: ids.slice(0, 2).reverse().map((id) => expect.objectContaining({ id })), next: null });
  });

  it('`jobs logs --follow` streams lines a daemon writes, within a second, and ends with the job', async () => {
    const job = await enqueueJob(db.knex, { kind: 'purge', runAt: new Date(Date.now() + 4_000) });
    const arrivals: Array<{ text: string; at: number }> = [];
    const follower = startCli(['jobs', 'logs', job.id, '--follow'], { DATABASE_URL: db.url });
    follower.child.stdout!.on('data', (chunk: Buffer) => {
      for (const text of chunk.toString().split('\n').filter(Boolean)) arrivals.push({ text, at: Date.now() });
    });
    const daemon = startDaemonProcess(db.url);
    await daemon.waitFor(isStarted, 20_000, 'daemon started');
    expect(await follower.exited).toEqual({ code: 0, signal: null });
    expect(follower.stderr()).toBe(`job ${job.id} succeeded\n`);
    const stored = await db.knex('job_logs').where({ jobId: job.id }).orderBy('id').select('message', 'createdAt');
    expect(arrivals.map((a) => a.text.replace(/^\S+ \S+ +\S+ /, ''))).toEqual(stored.map((s: { message: string }) => s.message));
    expect(stored.map((s: { message: string }) => s.message)).toEqual([
      expect.stringMatching(/^started on /), expect.stringMatching(/^purging /), expect.stringMatching(/^purged /), 'finished: succeeded',
    ]);
    // A hang guard with 5x headroom over the 1 s target; the latency itself is measured by `npm run bench -- jobs`.
    arrivals.forEach((a, i) => expect(a.at - new Date(stored[i].createdAt).getTime()).toBeLessThan(5_000));
    await daemon.stop();
  });
});
