import { describe, expect, it } from 'vitest';
import { enqueueJob, getJob } from '../../../src/jobs/job-queue.js';
import { useTestDatabase } from '../../support/database.js';
import { isElected, startDaemonProcess } from '../../support/daemon-process.js';
import { eventually } from '../../support/eventually.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';

const db = useTestDatabase();

describe('a database that goes away for 10 s', () => {
  it('the daemon logs the outage, reconnects, and carries on with its work without crashing', async () => {
    const server = new URL(db.url);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
    const daemon = startDaemonProcess(proxy.url(db.url));
    await daemon.waitFor(isElected, 20_000, 'leadership');
    // Claimed before the outage: the job's lease (30 s) outlives it; its logs wait in the buffer.
    const before = await enqueueJob(db.knex, { kind: 'purge' });
    await eventually(async () => (await getJob(db.knex, before.id)).status === 'succeeded', 10_000, 'a job before the outage');

    // A job running when the database goes: its purge waits on a lock we hold.
    const blocker = await db.knex.transaction();
    await blocker.raw('LOCK TABLE job_logs IN ACCESS EXCLUSIVE MODE');
    const claimed = await enqueueJob(db.knex, { kind: 'purge' });
    await eventually(async () => (await getJob(db.knex, claimed.id)).status === 'running', 10_000, 'a job running');
    await proxy.down();
    await blocker.rollback();
    const during = await enqueueJob(db.knex, { kind: 'purge' });
    await daemon.waitFor((l) => l.msg === 'daemon: control connection lost; reconnecting', 5_000, 'the outage noticed');
    await daemon.waitFor((l) => l.msg === 'daemon: no longer the scheduler leader', 5_000, 'stepping down');
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    expect(daemon.child.exitCode).toBeNull();
    expect((await getJob(db.knex, during.id)).status).toBe('queued');
    await proxy.up();

    await eventually(async () => (await getJob(db.knex, during.id)).status === 'succeeded', 20_000, 'the job queued during the outage');
    await daemon.waitFor(isElected, 10_000, 'leadership again');
    await daemon.waitFor((l) => /database unreachable; retrying/.test(l.msg), 1_000, 'the outage in the log');
    await daemon.waitFor((l) => /database reachable again after/.test(l.msg), 1_000, 'the recovery in the log');
    const lines = await db.knex('job_logs').where({ jobId: during.id }).orderBy('id').pluck('message');
    expect(lines.at(-1)).toBe('finished: succeeded');
    // The claimed job was not lost: put back in the queue during the outage, run again after it.
    await eventually(async () => (await getJob(db.knex, claimed.id)).status === 'succeeded', 10_000, 'the job that was running');
    const claimedLines = await db.knex('job_logs').where({ jobId: claimed.id }).orderBy('id').pluck('message');
    expect(claimedLines).toContain('the database went away while running this job: it goes back to the queue');
    expect(claimedLines.filter((m: string) => m.startsWith('started on'))).toHaveLength(2);
    expect(claimedLines.at(-1)).toBe('finished: succeeded');
    expect(daemon.lines.filter((l) => l.level === 'fatal')).toEqual([]);
    expect(await daemon.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
