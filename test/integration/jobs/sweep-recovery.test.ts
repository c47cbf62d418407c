import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { claimJobs } from '../../../src/db/queries/claim-jobs.js';
import { closeOrphanedSweeps } from '../../../src/jobs/expire-jobs.js';
import { rollUpRecorded } from '../../../src/jobs/job-completion.js';
import { getJob } from '../../../src/jobs/job-queue.js';
import { selectSweepDevices } from '../../../src/daemon/job-handlers.js';
import { retrievalJobHandler } from '../../../src/jobs/sweep.js';
import { useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { insertDevices, startTestWorker } from '../../support/jobs.js';

const db = useTestDatabase();

/** What a device retrieval does: it records the outcome on the job row itself. */
async function record(jobId: string, status: 'succeeded' | 'failed'): Promise<void> {
  await db.knex('jobs').where({ id: jobId }).update({ status, finishedAt: new Date(), leaseOwner: null, leaseExpiresAt: null });
}

describe('sweeps whose workers die', () => {
  it('a device job its handler recorded is rolled up once, by the worker holding the latest attempt', async () => {
    const [deviceId] = await insertDevices(db.knex, 1, 'recorded');
    const sweep = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'running', progressTotal: 1 });
    const child = await Job.query().insertAndFetch({ kind: 'retrieval', parentJobId: sweep.id, deviceId });
    const [first] = await claimJobs(db.knex, 'slow-worker', ['retrieval'], 1, 2);
    await db.knex('jobs').where({ id: child.id }).update({ leaseExpiresAt: db.knex.raw("now() - interval '1 second'") });
    const [second] = await claimJobs(db.knex, 'new-worker', ['retrieval'], 1, 30);
    expect([first!.attempts, second!.attempts]).toEqual([1, 2]);
    await record(child.id, 'succeeded');
    expect(await rollUpRecorded(db.knex, child.id, first!.attempts)).toBeUndefined();
    const result = await rollUpRecorded(db.knex, child.id, second!.attempts);
    expect(result?.parentFinished).toMatchObject({ id: sweep.id, status: 'succeeded', done: 1, failed: 0 });
    expect(await getJob(db.knex, sweep.id)).toMatchObject({ status: 'succeeded', progressDone: 1 });
  });

  it('closes a sweep whose last device was recorded by a worker that died before rolling it up', async () => {
    const devices = await insertDevices(db.knex, 2, 'orphan');
    const sweep = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'running', progressTotal: 2, progressDone: 1 });
    const children = await Job.query().insert(devices.map((deviceId) => ({ kind: 'retrieval' as const, parentJobId: sweep.id, deviceId, status: 'succeeded' as const })));
    await record(children[1]!.id, 'failed');
    expect(await closeOrphanedSweeps(db.knex)).toEqual([]);
    // Its last change a minute ago (the trigger would stamp now()).
    await db.knex.raw('ALTER TABLE jobs DISABLE TRIGGER jobs_updated_at');
    try {
      await db.knex('jobs').where({ id: sweep.id }).update({ updatedAt: new Date(Date.now() - 60_000) });
    } finally {
      await db.knex.raw('ALTER TABLE jobs ENABLE TRIGGER jobs_updated_at');
    }
    expect(await closeOrphanedSweeps(db.knex)).toEqual([{ id: sweep.id, status: 'partially_succeeded', total: 2, done: 1, failed: 1 }]);
    expect(await getJob(db.knex, sweep.id)).toMatchObject({ status: 'partially_succeeded', progressDone: 1, progressFailed: 1, errorCode: 'DEVICES_FAILED' });
  });

  it('adopts the unstarted devices of an in-process sweep whose process died, without creating new device jobs', async () => {
    const devices = await insertDevices(db.knex, 3, 'adopt');
    // As an in-process `retrieve` leaves it: parent leased to its process, children reserved (run_at infinity).
    const sweep = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'running', progressTotal: 3, target: { kind: 'all' }, leaseOwner: 'cli:42', leaseExpiresAt: new Date(Date.now() - 1_000) } as Partial<Job>);
    const children = await Job.query().insert(devices.map((deviceId, i) => ({
      kind: 'retrieval' as const, parentJobId: sweep.id, deviceId, status: (i === 0 ? 'succeeded' : 'queued') as 'succeeded' | 'queued', runAt: new Date('9999-12-31'),
    })));
    const retrieved: string[] = [];
    const w = await startTestWorker(db.knex, db.url, {
      retrieval: retrievalJobHandler(async (c) => {
        retrieved.push(c.job.deviceId!);
        return { status: 'succeeded' };
      }, selectSweepDevices),
    });
    await eventually(async () => (await getJob(db.knex, sweep.id)).status === 'succeeded', 10_000, 'the adopted sweep to finish');
    expect(retrieved.sort()).toEqual(devices.slice(1).sort());
    expect(await db.knex('jobs').where({ parentJobId: sweep.id }).pluck('id')).toHaveLength(3);
    const lines = await db.knex('job_logs').where({ jobId: sweep.id }).orderBy('id').pluck('message');
    expect(lines).toContain('adopted a sweep whose process stopped: 2 of its 3 device jobs had not started and are queued now');
    expect(children).toHaveLength(3);
    await w.stop();
  });
});
