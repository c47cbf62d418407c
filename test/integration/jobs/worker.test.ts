import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { claimJobs } from '../../../src/db/queries/claim-jobs.js';
import { NetRavenError } from '../../../src/errors.js';
import { cancelJob } from '../../../src/jobs/job-cancel.js';
import type { JobHandler } from '../../../src/jobs/job-handler.js';
import { enqueueJob, getJob } from '../../../src/jobs/job-queue.js';
import { selectSweepDevices } from '../../../src/daemon/job-handlers.js';
import { retrievalJobHandler } from '../../../src/jobs/sweep.js';
import { useTestDatabase } from '../../support/database.js';
import { eventually } from '../../support/eventually.js';
import { insertDevices, startTestWorker } from '../../support/jobs.js';

const db = useTestDatabase();
const FINISHED = ['succeeded', 'partially_succeeded', 'failed', 'cancelled'];

/** A device step that takes `ms`, logs a line for its device, and fails devices named in `failing`. */
function deviceStep(ms: number, failing: string[] = []): JobHandler {
  return async (context) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const { hostname } = await context.db('devices').where({ id: context.job.deviceId }).first('hostname');
    if (failing.includes(hostname)) throw new NetRavenError('AUTH_FAILED', `${hostname} refused every credential`);
    context.log('info', `retrieved ${hostname}`);
    return { status: 'succeeded' };
  };
}

async function finished(id: string, timeoutMs = 15_000): Promise<Job> {
  return eventually(async () => {
    const job = await getJob(db.knex, id);
    return FINISHED.includes(job.status) ? job : undefined;
  }, timeoutMs, `job ${id} to finish`);
}

async function logsOf(jobId: string): Promise<Array<{ message: string; data: Record<string, unknown>; deviceId: string | null; level: string }>> {
  return db.knex('job_logs').where({ jobId }).orderBy('id').select('message', 'data', 'deviceId', 'level');
}

describe('workers', () => {
  it('two workers share the devices of one sweep; every device is retrieved once', async () => {
    await insertDevices(db.knex, 12, 'share', 'share');
    const step = deviceStep(40);
    const a = await startTestWorker(db.knex, db.url, { retrieval: retrievalJobHandler(step, selectSweepDevices) }, { workerId: 'worker-a', concurrency: 2, claimBatch: 1 });
    const b = await startTestWorker(db.knex, db.url, { retrieval: retrievalJobHandler(step, selectSweepDevices) }, { workerId: 'worker-b', concurrency: 2, claimBatch: 1 });
    const sweep = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'share' } });
    expect(await finished(sweep.id)).toMatchObject({ status: 'succeeded', progressTotal: 12, progressDone: 12, progressFailed: 0 });
    const children = await Job.query().where({ parentJobId: sweep.id });
    expect(children).toHaveLength(12);
    expect(children.every((c) => c.status === 'succeeded' && c.attempts === 1)).toBe(true);
    const starters = await db.knex('job_logs').whereIn('jobId', children.map((c) => c.id)).where('message', 'like', 'started on %').pluck('message');
    expect(starters).toHaveLength(12);
    expect(new Set(starters)).toEqual(new Set(['started on worker-a', 'started on worker-b']));
    expect((await logsOf(sweep.id)).at(-1)!.message).toBe('finished: succeeded (12 of 12 devices retrieved, 0 failed)');
    await Promise.all([a.stop(), b.stop()]);
  });

  it('a failing device fails its job with code, device and job ids; the sweep is partially successful', async () => {
    const [, bad] = await insertDevices(db.knex, 3, 'fail', 'fail');
    const w = await startTestWorker(db.knex, db.url, { retrieval: retrievalJobHandler(deviceStep(5, ['fail-001']), selectSweepDevices) });
    const sweep = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'fail' } });
    expect(await finished(sweep.id)).toMatchObject({ status: 'partially_succeeded', progressDone: 2, progressFailed: 1, errorCode: 'DEVICES_FAILED' });
    const failed = await Job.query().findOne({ parentJobId: sweep.id, deviceId: bad });
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'AUTH_FAILED', error: 'fail-001 refused every credential' });
    const line = (await logsOf(failed!.id)).find((l) => l.level === 'error');
    expect(line).toMatchObject({ message: 'failed: AUTH_FAILED: fail-001 refused every credential', deviceId: bad, data: { code: 'AUTH_FAILED', jobId: failed!.id, deviceId: bad } });
    await w.stop();
  });

  it('cancelling a running sweep stops it at the next device and marks it cancelled', async () => {
    await insertDevices(db.knex, 8, 'cxl', 'cxl');
    const w = await startTestWorker(db.knex, db.url, { retrieval: retrievalJobHandler(deviceStep(300), selectSweepDevices) }, { concurrency: 2, claimBatch: 1 });
    const sweep = await enqueueJob(db.knex, { kind: 'retrieval', target: { tag: 'cxl' } });
    await eventually(async () => (await Job.query().where({ parentJobId: sweep.id, status: 'running' })).length > 0, 5_000, 'a running device');
    expect(await cancelJob(db.knex, sweep.id)).toMatchObject({ outcome: 'requested' });
    expect(await finished(sweep.id)).toMatchObject({ status: 'cancelled' });
    const statuses: string[] = await db.knex('jobs').where({ parentJobId: sweep.id }).pluck('status');
    const done = statuses.filter((s) => s === 'succeeded').length;
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 'cancelled').length).toBe(8 - done);
    await w.stop();
  });

  it('reclaims the job of a worker that died once its lease expired, and says so in the log', async () => {
    const job = await enqueueJob(db.knex, { kind: 'purge' });
    await claimJobs(db.knex, 'dead-worker', ['purge'], 1, 2);
    const w = await startTestWorker(db.knex, db.url, { purge: async (c) => (c.log('info', 'did the work'), { status: 'succeeded' }) }, { workerId: 'survivor', leaseSeconds: 2 });
    expect(await finished(job.id, 10_000)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await logsOf(job.id)).map((l) => l.message)).toEqual(['claimed again by survivor (attempt 2 of 3): dead-worker stopped renewing its lease', 'did the work', 'finished: succeeded']);
    await w.stop();
  });

  it('a worker that lost its lease to another abandons the job and writes nothing', async () => {
    const job = await enqueueJob(db.knex, { kind: 'purge' });
    let aborted = false;
    const w = await startTestWorker(db.knex, db.url, {
      purge: async (c) => {
        await new Promise<void>((resolve) => c.signal.addEventListener('abort', () => resolve()));
        aborted = true;
        return { status: 'succeeded' };
      },
    }, { workerId: 'loser', leaseSeconds: 2 });
    await eventually(async () => (await getJob(db.knex, job.id)).leaseOwner === 'loser', 5_000, 'claimed by loser');
    await db.knex('jobs').where({ id: job.id }).update({ leaseOwner: 'thief' });
    await eventually(() => aborted, 5_000, 'the handler aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await getJob(db.knex, job.id)).toMatchObject({ status: 'running', leaseOwner: 'thief' });
    await w.stop();
  });

  it('graceful stop: finishes what it can by the deadline, releases the rest, and loses no log row', async () => {
    const quick = await enqueueJob(db.knex, { kind: 'purge', target: { speed: 'quick' } });
    const slow = await enqueueJob(db.knex, { kind: 'purge', target: { speed: 'slow' } });
    const handler: JobHandler = async (c) => {
      for (let i = 0; i < 500; i++) c.log('info', `${String(c.job.target.speed)} line ${i}`);
      if (c.job.target.speed === 'slow') await new Promise<void>((resolve) => c.signal.addEventListener('abort', () => resolve()));
      return { status: 'succeeded' };
    };
    const w = await startTestWorker(db.knex, db.url, { purge: handler }, { flushRows: 10_000, flushMs: 60_000 });
    await eventually(async () => (await getJob(db.knex, slow.id)).status === 'running' && (await getJob(db.knex, quick.id)).status === 'succeeded', 5_000, 'both claimed');
    await w.stop(300);
    expect(await getJob(db.knex, slow.id)).toMatchObject({ status: 'queued', attempts: 0, leaseOwner: null });
    const slowLines = (await logsOf(slow.id)).map((l) => l.message);
    expect(slowLines.filter((m) => m.startsWith('slow line'))).toHaveLength(500);
    expect(slowLines.at(-1)).toMatch(/^released at shutdown by /);
    expect((await logsOf(quick.id)).filter((l) => l.message.startsWith('quick line'))).toHaveLength(500);
    const next = await startTestWorker(db.knex, db.url, { purge: async () => ({ status: 'succeeded' }) });
    expect(await finished(slow.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
    await next.stop();
  });
});
