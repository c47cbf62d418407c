import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { claimJobs } from '../../../src/db/queries/claim-jobs.js';
import { heartbeatJobs } from '../../../src/db/queries/heartbeat-jobs.js';
import { inTransaction } from '../../../src/db/transactions.js';
import { expireJobs } from '../../../src/jobs/expire-jobs.js';
import { cancelJob } from '../../../src/jobs/job-cancel.js';
import { finishJob, releaseJob } from '../../../src/jobs/job-completion.js';
import { assertJobId, enqueueJob, getJob } from '../../../src/jobs/job-queue.js';
import { useTestDatabase } from '../../support/database.js';
import { insertDevices } from '../../support/jobs.js';
import { refused } from '../../support/refused.js';

const db = useTestDatabase();

async function expireLease(id: string): Promise<void> {
  await db.knex('jobs').where({ id }).update({ leaseExpiresAt: db.knex.raw("now() - interval '1 second'") });
}

async function sweepWithChildren(n: number, prefix: string): Promise<{ sweep: Job; children: Job[] }> {
  const devices = await insertDevices(db.knex, n, prefix);
  const sweep = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'running', progressTotal: n });
  const children = await Job.query().insert(devices.map((deviceId) => ({ kind: 'retrieval' as const, parentJobId: sweep.id, deviceId })));
  return { sweep, children };
}

describe('the job queue', () => {
  it('claims with a lease; heartbeat and claim are named prepared statements', async () => {
    const job = await enqueueJob(db.knex, { kind: 'key_rotation', target: { note: 'q1' } });
    expect(job.status).toBe('queued');
    const [claimed] = await claimJobs(db.knex, 'w1', ['key_rotation'], 5, 30);
    expect(claimed).toMatchObject({ id: job.id, attempts: 1, previousOwner: null, target: { note: 'q1' } });
    const before = (await getJob(db.knex, job.id)).leaseExpiresAt!;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const beat = await heartbeatJobs(db.knex, 'w1', [job.id], 60);
    expect(beat).toEqual([{ id: job.id, cancelRequested: false }]);
    expect((await getJob(db.knex, job.id)).leaseExpiresAt!.getTime()).toBeGreaterThan(before.getTime() + 25_000);
    expect(await heartbeatJobs(db.knex, 'someone-else', [job.id], 60)).toEqual([]);
    const names = await inTransaction(db.knex, async (trx) => {
      await claimJobs(trx, 'w1', ['key_rotation'], 1, 30);
      await heartbeatJobs(trx, 'w1', [job.id], 30);
      return (await trx.raw('SELECT name FROM pg_prepared_statements')).rows.map((r: { name: string }) => r.name);
    });
    expect(names).toEqual(expect.arrayContaining(['claim_jobs', 'heartbeat_jobs']));
    expect(await finishJob(db.knex, job.id, 'w1', { status: 'succeeded' })).toMatchObject({ id: job.id });
  });

  it('finishes only for the lease owner and stores status, counters and error', async () => {
    const job = await enqueueJob(db.knex, { kind: 'key_rotation' });
    await claimJobs(db.knex, 'w2', ['key_rotation'], 10, 30);
    expect(await finishJob(db.knex, job.id, 'not-the-owner', { status: 'succeeded' })).toBeUndefined();
    await finishJob(db.knex, job.id, 'w2', { status: 'partially_succeeded', progress: { total: 5, done: 4, failed: 1 }, errorCode: 'X', error: 'one failed' });
    const row = await getJob(db.knex, job.id);
    expect(row).toMatchObject({ status: 'partially_succeeded', progressTotal: 5, progressDone: 4, progressFailed: 1, errorCode: 'X', leaseOwner: null });
    expect(row.finishedAt).not.toBeNull();
  });

  it('reclaims a job whose worker died, retries up to jobs.max_attempts, then fails it with the reason', async () => {
    const job = await enqueueJob(db.knex, { kind: 'purge' });
    const [first] = await claimJobs(db.knex, 'dead-1', ['purge'], 1, 30, 2);
    expect(first!.id).toBe(job.id);
    expect(await claimJobs(db.knex, 'other', ['purge'], 1, 30, 2)).toEqual([]);
    await expireLease(job.id);
    const [second] = await claimJobs(db.knex, 'dead-2', ['purge'], 1, 30, 2);
    expect(second).toMatchObject({ id: job.id, attempts: 2, previousOwner: 'dead-1' });
    await expireLease(job.id);
    expect(await claimJobs(db.knex, 'other', ['purge'], 1, 30, 2)).toEqual([]);
    const expired = await expireJobs(db.knex, 2);
    expect(expired.map((e) => e.id)).toEqual([job.id]);
    const row = await getJob(db.knex, job.id);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'JOB_LEASE_EXPIRED', attempts: 2, leaseOwner: null });
    expect(row.error).toMatch(/given up after 2 attempts.*dead-2/);
  });

  it('a released job goes back to the queue without using up an attempt', async () => {
    const job = await enqueueJob(db.knex, { kind: 'purge' });
    await claimJobs(db.knex, 'w3', ['purge'], 1, 30);
    expect(await releaseJob(db.knex, job.id, 'w3')).toBe(true);
    expect(await getJob(db.knex, job.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    expect(await releaseJob(db.knex, job.id, 'w3')).toBe(false);
    await db.knex('jobs').where({ id: job.id }).delete();
  });

  it('rolls device jobs up into their sweep, which the last one finishes with the right status', async () => {
    const { sweep, children } = await sweepWithChildren(3, 'rollup');
    const claimed = await claimJobs(db.knex, 'w4', ['retrieval'], 10, 30);
    expect(claimed.map((c) => c.id).sort()).toEqual(children.map((c) => c.id).sort());
    const results = await Promise.all([
      finishJob(db.knex, children[0]!.id, 'w4', { status: 'succeeded' }),
      finishJob(db.knex, children[1]!.id, 'w4', { status: 'failed', errorCode: 'AUTH_FAILED', error: 'denied' }),
      finishJob(db.knex, children[2]!.id, 'w4', { status: 'succeeded' }),
    ]);
    expect(results.filter((r) => r?.parentFinished)).toHaveLength(1);
    const row = await getJob(db.knex, sweep.id);
    expect(row).toMatchObject({ status: 'partially_succeeded', progressDone: 2, progressFailed: 1, errorCode: 'DEVICES_FAILED', error: '1 of 3 devices failed' });
  });

  it('cancels a queued job at once, and a sweep: queued devices now, the running one finishes, then the sweep is cancelled', async () => {
    const queued = await enqueueJob(db.knex, { kind: 'key_rotation' });
    expect(await cancelJob(db.knex, queued.id)).toMatchObject({ outcome: 'cancelled' });
    expect((await getJob(db.knex, queued.id)).status).toBe('cancelled');
    expect(await cancelJob(db.knex, queued.id)).toMatchObject({ outcome: 'finished', status: 'cancelled' });

    const { sweep, children } = await sweepWithChildren(3, 'cancel');
    const [running] = await claimJobs(db.knex, 'w5', ['retrieval'], 1, 30);
    const result = await cancelJob(db.knex, sweep.id);
    expect(result).toMatchObject({ outcome: 'requested', childrenCancelled: 2 });
    expect(await heartbeatJobs(db.knex, 'w5', [running!.id], 30)).toEqual([{ id: running!.id, cancelRequested: true }]);
    expect((await getJob(db.knex, sweep.id)).status).toBe('running');
    const finished = await finishJob(db.knex, running!.id, 'w5', { status: 'succeeded' });
    expect(finished?.parentFinished).toMatchObject({ id: sweep.id, status: 'cancelled', done: 1 });
    const statuses = await db.knex('jobs').whereIn('id', children.map((c) => c.id)).pluck('status');
    expect(statuses.sort()).toEqual(['cancelled', 'cancelled', 'succeeded']);
  });

  it('refuses a job id that is not a uuid and one that does not exist', async () => {
    expect(refused(() => assertJobId('not-a-uuid')).message).toContain('"not-a-uuid" is not a job id');
    await expect(getJob(db.knex, "1' OR '1'='1")).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(getJob(db.knex, '0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    await expect(cancelJob(db.knex, '0b6f3c1e-5d2a-4c8e-9f10-2a3b4c5d6e7f')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});
