import { describe, expect, it } from 'vitest';
import { Device } from '../../../src/db/models/index.js';
import type { FetchedConfiguration } from '../../../src/devices/fetch-configuration.js';
import { DeviceLog } from '../../../src/retrieval/device-log.js';
import { contentHash, recordSuccess } from '../../../src/retrieval/record-outcome.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();

function fetched(content: string): FetchedConfiguration {
  return { content, hostKeyFingerprint: 'SHA256:test', facts: { model: 'C9300' }, metadata: { driver: 'cisco_ios', commands: ['show running-config'], prompt: 'r1#', durationMs: 5, bytesReceived: content.length } };
}

async function record(deviceId: string, content: string, hostname = 'rec-1') {
  const [job] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'running', deviceId }).returning('id');
  const log = new DeviceLog(job.id, deviceId, hostname);
  const outcome = await recordSuccess(db.knex, { jobId: job.id, deviceId, hostname, startedAt: new Date(), seenFingerprint: null }, fetched(content), 'cred', log);
  const jobRow = await db.knex('jobs').where({ id: job.id }).first('status', 'finishedAt');
  return { outcome, job: jobRow, steps: log.entries.map((e) => e.data?.step) };
}

describe('recording a successful retrieval', () => {
  it('finishes an unchanged configuration in one guarded statement, and stores one whose newest version differs', async () => {
    const device = await Device.query().insertAndFetch({ hostname: 'rec-1', ipAddress: '198.51.100.20', deviceType: 'cisco_ios' });
    const first = await record(device.id, 'hostname rec-1\nend');
    expect(first.outcome.status).toBe('changed');
    const again = await record(device.id, 'hostname rec-1\nend');
    expect(again.outcome).toMatchObject({ status: 'unchanged', configurationId: null, contentHash: contentHash('hostname rec-1\nend') });
    expect(again.job.status).toBe('succeeded');
    expect(again.job.finishedAt).toBeInstanceOf(Date);
    expect(again.steps).toEqual(['unchanged', 'done']);
    // Someone stored another version meanwhile: the same content as before is a change again, never "unchanged".
    await db.knex('device_configurations').insert({ deviceId: device.id, content: 'hostname rec-1\n!x\nend', contentHash: contentHash('hostname rec-1\n!x\nend'), sizeBytes: 21 });
    const back = await record(device.id, 'hostname rec-1\nend');
    expect(back.outcome.status).toBe('changed');
    expect(await db.knex('device_configurations').where({ deviceId: device.id }).count('* as n')).toEqual([{ n: '3' }]);
    const stored = await db.knex('devices').where({ id: device.id }).first('model', 'lastRetrievalStatus');
    expect(stored).toEqual({ model: 'C9300', lastRetrievalStatus: 'changed' });
  });

  it('reports a device removed before its outcome was written, and writes nothing', async () => {
    const device = await Device.query().insertAndFetch({ hostname: 'rec-2', ipAddress: '198.51.100.21', deviceType: 'cisco_ios' });
    await record(device.id, 'hostname rec-2\nend', 'rec-2');
    const [job] = await db.knex('jobs').insert({ kind: 'retrieval', status: 'running' }).returning('id');
    await db.knex('devices').where({ id: device.id }).delete();
    const log = new DeviceLog(job.id, device.id, 'rec-2');
    const outcome = await recordSuccess(db.knex, { jobId: job.id, deviceId: device.id, hostname: 'rec-2', startedAt: new Date(), seenFingerprint: null }, fetched('hostname rec-2\nend'), 'cred', log);
    expect(outcome).toMatchObject({ status: 'failed', errorCode: 'NOT_FOUND' });
    expect((await db.knex('jobs').where({ id: job.id }).first('status')).status).toBe('running');
  });

  it('stores a content over 4 Mi characters (sent in pieces) byte for byte, a surrogate pair and multi-byte text across a piece boundary', async () => {
    const device = await Device.query().insertAndFetch({ hostname: 'rec-3', ipAddress: '198.51.100.22', deviceType: 'cisco_ios' });
    const piece = 4 * 1024 * 1024;
    // The pair's high half is the last unit of the first piece: cutting there would store U+FFFD twice.
    const head = 'hostname rec-3\n' + 'x'.repeat(piece - 'hostname rec-3\n'.length - 1);
    const content = `${head}\u{1F600}\ndescription Zürich ünïcödé\n${'interface Gi0/1\n'.repeat(300_000)}end\n`;
    const first = await record(device.id, content, 'rec-3');
    expect(first.outcome).toMatchObject({ status: 'changed', contentHash: contentHash(content), sizeBytes: Buffer.byteLength(content, 'utf8') });
    const row = await db.knex('device_configurations').where({ id: first.outcome.configurationId }).first('content', 'contentHash', 'sizeBytes', 'metadata');
    expect(row.content === content).toBe(true);
    expect(row.contentHash).toBe(contentHash(content));
    expect(row.sizeBytes).toBe(Buffer.byteLength(content, 'utf8'));
    expect(row.metadata).toMatchObject({ driver: 'cisco_ios', credential: 'cred', facts: { model: 'C9300' } });
    // The temporary table went with its statement: a second large version in a later transaction is stored too.
    const second = await record(device.id, `${content}!\n`, 'rec-3');
    expect(second.outcome.status).toBe('changed');
    expect(second.outcome.configurationId).not.toBe(first.outcome.configurationId);
    expect(await db.knex('device_configurations').where({ deviceId: device.id }).count('* as n')).toEqual([{ n: '2' }]);
  });
});
