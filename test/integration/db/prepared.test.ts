import { describe, expect, it } from 'vitest';
import { Device, DeviceConfiguration, Job } from '../../../src/db/models/index.js';
import { appendJobLogs } from '../../../src/db/queries/append-job-logs.js';
import { claimJobs } from '../../../src/db/queries/claim-jobs.js';
import { latestConfigurationHash } from '../../../src/db/queries/latest-configuration-hash.js';
import { inReadOnlyTransaction, inTransaction } from '../../../src/db/transactions.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

describe('hot queries as named prepared statements', () => {
  it('appends a batch of logs in order and runs as a named statement', async () => {
    const job = await Job.query().insertAndFetch({ kind: 'retrieval' });
    await inTransaction(db.knex, async (trx) => {
      const ids = await appendJobLogs(trx, [
        { jobId: job.id, level: 'info', message: 'first', data: { step: 1 } },
        { jobId: job.id, level: 'warn', message: 'second' },
        { jobId: job.id, level: 'error', message: 'third' },
      ]);
      expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
      expect(ids).toHaveLength(3);
      const { rows } = await trx.raw('SELECT name FROM pg_prepared_statements');
      expect(rows.map((r: { name: string }) => r.name)).toContain('append_job_logs');
    });
    const logs = await job.$relatedQuery('logs').orderBy('id');
    expect(logs.map((l) => l.message)).toEqual(['first', 'second', 'third']);
    expect(logs[0]!.data).toEqual({ step: 1 });
    expect(await appendJobLogs(db.knex, [])).toEqual([]);
  });

  it('returns the newest configuration hash of a device', async () => {
    const device = await Device.query().insertAndFetch({ hostname: 'hash-1', ipAddress: '10.3.3.3', deviceType: 'vyos' });
    expect(await latestConfigurationHash(db.knex, device.id)).toBeNull();
    await DeviceConfiguration.query().insert({ deviceId: device.id, content: 'a', contentHash: 'a'.repeat(64), sizeBytes: 1, retrievedAt: new Date('2026-01-01') });
    await DeviceConfiguration.query().insert({ deviceId: device.id, content: 'b', contentHash: 'b'.repeat(64), sizeBytes: 1, retrievedAt: new Date('2026-03-01') });
    expect(await latestConfigurationHash(db.knex, device.id)).toBe('b'.repeat(64));
  });

  it('gives two concurrent claimers disjoint jobs', async () => {
    await Job.query().insert(Array.from({ length: 10 }, () => ({ kind: 'purge' as const })));
    const [a, b] = await Promise.all([
      inTransaction(db.knex, (trx) => claimJobs(trx, 'worker-a', ['purge'], 6, 30)),
      inTransaction(db.knex, (trx) => claimJobs(trx, 'worker-b', ['purge'], 6, 30)),
    ]);
    const ids = [...a!, ...b!].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(10);
    const running = await Job.query().where({ kind: 'purge', status: 'running' });
    expect(running.every((j) => j.leaseOwner === 'worker-a' || j.leaseOwner === 'worker-b')).toBe(true);
    expect(running.every((j) => j.attempts === 1 && j.leaseExpiresAt !== null)).toBe(true);
  });

  it('refuses writes inside a read-only transaction', async () => {
    await expect(inReadOnlyTransaction(db.knex, (trx) => trx('tags').insert({ name: 'nope' }))).rejects.toThrow(/read-only transaction/);
    expect(await db.knex('tags').where({ name: 'nope' })).toHaveLength(0);
  });
});
