import { describe, expect, it } from 'vitest';
import { Credential, Device, DeviceConfiguration, Job, JobLog, Tag } from '../../../src/db/models/index.js';
import { useTestDatabase } from '../../support/database.js';

const db = useTestDatabase();
const hash = (c: string) => c.repeat(64);

async function device(hostname: string, ip = '10.0.0.1', port = 22) {
  return Device.query().insertAndFetch({ hostname, ipAddress: ip, port, deviceType: 'cisco_ios' });
}

describe('schema constraints', () => {
  it('refuses a duplicate hostname in another case, allows one IP on several ports', async () => {
    await device('core-sw1', '10.1.1.1', 22);
    await expect(device('CORE-SW1', '10.1.1.2')).rejects.toThrow(/devices_hostname_key/);
    const other = await device('console-port-2', '10.1.1.1', 2002);
    expect(other.port).toBe(2002);
    await expect(device('bad host', '10.1.1.3')).rejects.toThrow();
    await expect(device('port-zero', '10.1.1.4', 0)).rejects.toThrow();
  });

  it('cascades device deletion to configurations and tags, and nulls a deleted credential', async () => {
    const credential = await Credential.query().insertAndFetch({ name: 'lab', username: 'admin', secret: Buffer.from('x'), keyId: 'k1' });
    const d = await Device.query().insertAndFetch({ hostname: 'edge-1', ipAddress: '192.0.2.1', deviceType: 'arista_eos', lastGoodCredentialId: credential.id });
    const tag = await Tag.query().insertAndFetch({ name: 'dc1' });
    await d.$relatedQuery('tags').relate(tag.id);
    await credential.$relatedQuery('tags').relate(tag.id);
    await DeviceConfiguration.query().insert({ deviceId: d.id, content: 'hostname edge-1', contentHash: hash('a'), sizeBytes: 15 });

    await Credential.query().deleteById(credential.id);
    expect((await Device.query().findById(d.id))?.lastGoodCredentialId).toBeNull();
    expect(await db.knex('credential_tags').where({ tag_id: tag.id })).toHaveLength(0);

    await Device.query().deleteById(d.id);
    expect(await DeviceConfiguration.query().where({ deviceId: d.id })).toHaveLength(0);
    expect(await db.knex('device_tags').where({ tag_id: tag.id })).toHaveLength(0);
    expect(await Tag.query().findById(tag.id)).toBeDefined();
  });

  it('cascades a deleted tag to both link tables', async () => {
    const d = await device('leaf-9', '10.9.9.9');
    const tag = await Tag.query().insertAndFetch({ name: 'temp', colour: '#ff8800' });
    await d.$relatedQuery('tags').relate(tag.id);
    await Tag.query().deleteById(tag.id);
    expect(await d.$relatedQuery('tags')).toHaveLength(0);
    await expect(Tag.query().insert({ name: 'TEMP2', colour: 'orange' })).rejects.toThrow();
    await Tag.query().insert({ name: 'Mixed' });
    await expect(db.knex('tags').insert({ name: 'mixed' })).rejects.toThrow(/tags_name_key/);
  });

  it('keeps job statuses to the known set and cascades jobs to logs and child jobs', async () => {
    await expect(db.knex('jobs').insert({ kind: 'retrieval', status: 'done' })).rejects.toThrow(/jobs_status_check/);
    await expect(db.knex('jobs').insert({ kind: 'coffee' })).rejects.toThrow(/jobs_kind_check/);
    const parent = await Job.query().insertAndFetch({ kind: 'retrieval', target: { all: true } });
    const child = await Job.query().insertAndFetch({ kind: 'retrieval', parentJobId: parent.id });
    await JobLog.query().insert({ jobId: child.id, level: 'info', message: 'connect' });
    const d = await device('cfg-owner', '10.2.2.2');
    const cfg = await DeviceConfiguration.query().insertAndFetch({ deviceId: d.id, jobId: child.id, content: 'x', contentHash: hash('b'), sizeBytes: 1 });
    expect(await parent.$relatedQuery('children')).toHaveLength(1);

    await Job.query().deleteById(parent.id);
    expect(await Job.query().findById(child.id)).toBeUndefined();
    expect(await JobLog.query().where({ jobId: child.id })).toHaveLength(0);
    expect((await DeviceConfiguration.query().findById(cfg.id))?.jobId).toBeNull();
  });

  it('uses uuid keys and timestamptz for every timestamp', async () => {
    const { rows } = await db.knex.raw(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE 'knex%' AND (data_type LIKE 'timestamp%' OR column_name = 'id')`,
    );
    const timestamps = rows.filter((r: { data_type: string }) => r.data_type.startsWith('timestamp'));
    expect(timestamps.length).toBeGreaterThan(15);
    expect(timestamps.filter((r: { data_type: string }) => r.data_type !== 'timestamp with time zone')).toEqual([]);
    const ids = rows.filter((r: { column_name: string }) => r.column_name === 'id');
    expect(ids.filter((r: { table_name: string; data_type: string }) => r.data_type !== 'uuid').map((r: { table_name: string }) => r.table_name)).toEqual(['job_logs']);
  });
});

describe('indexes', () => {
  it('has the required indexes', async () => {
    const { rows } = await db.knex.raw("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'");
    const defs = rows.map((r: { indexdef: string }) => r.indexdef).join('\n');
    expect(defs).toMatch(/ON public\.devices USING btree \(lower\(hostname\)\)/);
    expect(defs).toMatch(/ON public\.devices USING btree \(ip_address/);
    expect(defs).toMatch(/ON public\.device_configurations USING btree \(device_id, retrieved_at DESC\)/);
    expect(defs).toMatch(/ON public\.device_configurations USING gin \(content gin_trgm_ops\)/);
    expect(defs).toMatch(/ON public\.tags USING btree \(lower\(name\)\)/);
    expect(defs).toMatch(/ON public\.jobs USING btree \(status, created_at\)/);
    expect(defs).toMatch(/ON public\.job_logs USING btree \(job_id, id\)/);
  });

  it('indexes every foreign key column', async () => {
    // A foreign key is covered when some index starts with its column.
    const { rows } = await db.knex.raw(`
      SELECT c.conrelid::regclass::text AS table_name, a.attname AS column_name
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])`);
    expect(rows).toEqual([]);
    const { rows: fks } = await db.knex.raw("SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace");
    expect(fks[0].n).toBeGreaterThanOrEqual(11);
  });
});
