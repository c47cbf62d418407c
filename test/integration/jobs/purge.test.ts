import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Job } from '../../../src/db/models/index.js';
import { purge } from '../../../src/jobs/purge.js';
import { useTestDatabase } from '../../support/database.js';
import { insertDevices } from '../../support/jobs.js';

const db = useTestDatabase();
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

describe('the retention purge', () => {
  it('removes old logs, old finished jobs with their device jobs, and versions beyond the kept count (never the latest)', async () => {
    const [deviceA, deviceB] = await insertDevices(db.knex, 2, 'purge');
    // Jobs: an old finished sweep with a device job, an old run of a schedule, an old but
    // still running job, a recent finished job, and the schedule definition itself.
    const definition = await Job.query().insertAndFetch({ kind: 'retrieval', schedule: '0 2 * * *', createdAt: daysAgo(400) } as Partial<Job>);
    const oldSweep = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'succeeded', finishedAt: daysAgo(200) } as Partial<Job>);
    const oldChild = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'succeeded', parentJobId: oldSweep.id, deviceId: deviceA, finishedAt: daysAgo(200) } as Partial<Job>);
    const oldRun = await Job.query().insertAndFetch({ kind: 'retrieval', status: 'failed', parentJobId: definition.id, scheduledFor: daysAgo(201), finishedAt: daysAgo(200) } as Partial<Job>);
    const stuck = await Job.query().insertAndFetch({ kind: 'purge', status: 'running', startedAt: daysAgo(300) } as Partial<Job>);
    const recent = await Job.query().insertAndFetch({ kind: 'purge', status: 'succeeded', finishedAt: daysAgo(10) } as Partial<Job>);
    await db.knex('job_logs').insert([
      { jobId: recent.id, message: 'old line', createdAt: daysAgo(100) },
      { jobId: recent.id, message: 'new line', createdAt: daysAgo(5) },
      { jobId: oldSweep.id, message: 'goes with its job', createdAt: daysAgo(5) },
    ]);
    // Configurations: device A has 5 versions, device B one very old one.
    const config = (deviceId: string, n: number, days: number) => ({ deviceId, content: `v${n}`, contentHash: createHash('sha256').update(`${deviceId}${n}`).digest('hex'), sizeBytes: 2, retrievedAt: daysAgo(days) });
    await db.knex('device_configurations').insert([1, 2, 3, 4, 5].map((n) => config(deviceA!, n, 50 - n)));
    await db.knex('device_configurations').insert(config(deviceB!, 1, 3000));

    const counts = await purge(db.knex, { jobLogDays: 90, jobDays: 180, keepVersions: 2 });
    expect(counts).toEqual({ jobLogs: 1, jobs: 2, configurationVersions: 3 });

    const left = await db.knex('jobs').pluck('id');
    expect(left.sort()).toEqual([definition.id, stuck.id, recent.id].sort());
    expect(left).not.toContain(oldChild.id);
    expect(left).not.toContain(oldRun.id);
    expect(await db.knex('job_logs').pluck('message')).toEqual(['new line']);
    expect(await db.knex('device_configurations').where({ deviceId: deviceA }).orderBy('retrievedAt', 'desc').pluck('content')).toEqual(['v5', 'v4']);
    expect(await db.knex('device_configurations').where({ deviceId: deviceB }).pluck('content')).toEqual(['v1']);

    expect(await purge(db.knex, { jobLogDays: 90, jobDays: 180, keepVersions: 2 })).toEqual({ jobLogs: 0, jobs: 0, configurationVersions: 0 });
    expect((await purge(db.knex, { jobLogDays: 90, jobDays: 180, keepVersions: 0 })).configurationVersions).toBe(1);
    expect(await db.knex('device_configurations').where({ deviceId: deviceA }).pluck('content')).toEqual(['v5']);
  });
});
